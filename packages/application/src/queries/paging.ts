// The read models' Relay paging, for callers of the facade that page a list it returns whole
// (the API pages audit trails and program lists with it), so every connection pages alike.
export { connectionOfList, PAGE_SIZE, type Connection, type PageRequest } from '@vouch/projections';
