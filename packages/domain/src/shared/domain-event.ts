/** An event as deciders produce and evolve it: a past-tense type and its data. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

/** A command: an intention with a client-chosen id that makes retries safe. */
export interface Command<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  /** Repeating a command id changes nothing and returns the first result. */
  readonly commandId: string;
  readonly data: Data;
}
