/**
 * The members of `T` an implementation may leave out (its optional capabilities): a wrapper
 * must forward each, or the capability is silently lost behind it.
 */
export type OptionalMembers<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/** `true` only when `Missing` is empty; otherwise names what is missing, so the typecheck says it. */
export type NoneMissing<Missing> = [Missing] extends [never] ? true : { missing: Missing };
