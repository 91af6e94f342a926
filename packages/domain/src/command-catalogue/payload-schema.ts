/**
 * The payload schema of a command, described field by field: what kind of value each data
 * field takes, whether it may be left out, what it means and its transport limits. The
 * GraphQL inputs, `docs/commands.md` and any other outside view of a command derive from it.
 * `FieldsOf<Data>` ties a description to the command's `data` type, so a missing or extra
 * field, a wrong kind or a wrong `optional` fails compilation.
 */

/** The value lists of the domain a field may take a value of (named as the API names them). */
export type PayloadEnum =
  | 'ActivityKind'
  | 'AttendanceParty'
  | 'Channel'
  | 'ConsentCollectionMethod'
  | 'ConsentHolderKind'
  | 'ContentKind'
  | 'ContentSuspensionReason'
  | 'Department'
  | 'EngagementReleaseReason'
  | 'OpportunityStage'
  | 'OutcomeResult'
  | 'OwnerClearanceKind'
  | 'RequestMode'
  | 'RequestPriority'
  | 'RewardKind'
  | 'SatisfactionEvidenceKind'
  | 'Segment'
  | 'Seniority';

/** What every field states: its meaning, and whether it may be left out. */
interface FieldBase<Optional extends boolean> {
  readonly description: string;
  /** Present (and true) exactly when the data type makes the field optional. */
  readonly optional?: Optional extends true ? true : never;
}

/** Fields whose value is a string. */
export type StringKind =
  /** A client-chosen id of an aggregate or item. */
  | { readonly kind: 'id' }
  /** Free text; `long` for reasons, notes and evidence. */
  | { readonly kind: 'text'; readonly long?: true; readonly exactLength?: number; readonly uppercase?: true }
  | { readonly kind: 'email' }
  /** An ISO-8601 instant. */
  | { readonly kind: 'instant' }
  | { readonly kind: 'enum'; readonly of: PayloadEnum };

/** Fields whose value is a number within bounds. */
export type NumberKind = {
  readonly kind: 'int' | 'float';
  readonly min: number;
  readonly max: number;
};

/** Fields whose value is a list of strings. */
export type StringListKind =
  { readonly kind: 'textList' } | { readonly kind: 'enumList'; readonly of: PayloadEnum };

/** A nested object type with a name of its own (e.g. `Money`, `Opportunity`). */
export interface PayloadShape<Data> {
  readonly name: string;
  readonly description: string;
  readonly fields: FieldsOf<Data>;
}

/** An object keyed by a value list (e.g. a limit per activity kind). */
export interface MapKind {
  readonly kind: 'map';
  readonly keys: PayloadEnum;
  readonly values: NumberKind;
}

type KindOf<Value> = [Value] extends [string]
  ? StringKind
  : [Value] extends [number]
    ? NumberKind
    : [Value] extends [boolean]
      ? { readonly kind: 'boolean' }
      : [Value] extends [readonly (infer Item)[]]
        ? [Item] extends [string]
          ? StringListKind
          : { readonly kind: 'objectList'; readonly shape: PayloadShape<Item> }
        : { readonly kind: 'object'; readonly shape: PayloadShape<Value> } | MapKind;

/** Whether a key of a type may be left out. */
type IsOptional<Data, Key extends keyof Data> = object extends Pick<Data, Key> ? true : false;

/** The description of one field of a payload. */
export type PayloadField<Value, Optional extends boolean = boolean> = FieldBase<Optional> &
  KindOf<NonNullable<Value>> &
  (Optional extends true ? { readonly optional: true } : unknown);

/** One description per field of `Data`, no more and no fewer. */
export type FieldsOf<Data> = {
  readonly [Key in keyof Data]-?: PayloadField<Data[Key], IsOptional<Data, Key>>;
};

/** Any field description, whatever the value type (for code that walks a schema). */
export type AnyPayloadField = FieldBase<boolean> & { readonly optional?: true } & (
    | StringKind
    | NumberKind
    | StringListKind
    | { readonly kind: 'boolean' }
    | { readonly kind: 'object' | 'objectList'; readonly shape: AnyPayloadShape }
    | MapKind
  );

/** Any shape, whatever its data type. */
export interface AnyPayloadShape {
  readonly name: string;
  readonly description: string;
  readonly fields: Readonly<Record<string, AnyPayloadField>>;
}
