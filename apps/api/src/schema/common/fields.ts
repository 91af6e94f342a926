import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { ClassType } from 'type-graphql';
import { Field, Float, ID, Int } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date-time';
import { INPUT_LIMITS } from './input-limits';

// Field decorators of mutation inputs: each declares the GraphQL type explicitly (never
// inferred from reflected metadata, which differs between compilers) together with the
// class-validator rules that go with it, so no input field is left unchecked.

interface Common {
  readonly nullable?: boolean;
}

type Decorator = (target: object, key: string) => void;

function all(...decorators: PropertyDecorator[]): Decorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

const optional = (nullable: boolean | undefined): PropertyDecorator[] => (nullable ? [IsOptional()] : []);

/** A client-chosen id (of the command, or of an aggregate or item it creates or names). */
export function IdField(description: string, options: Common = {}): Decorator {
  return all(
    Field(() => ID, { description, nullable: options.nullable ?? false }),
    ...optional(options.nullable),
    IsString(),
    IsNotEmpty(),
    MaxLength(INPUT_LIMITS.idLength),
  );
}

/** Free text; required text may not be empty. */
export function TextField(
  description: string,
  options: Common & { readonly long?: boolean } = {},
): Decorator {
  return all(
    Field(() => String, { description, nullable: options.nullable ?? false }),
    ...optional(options.nullable),
    IsString(),
    ...(options.nullable ? [] : [IsNotEmpty()]),
    MaxLength(options.long ? INPUT_LIMITS.longText : INPUT_LIMITS.shortText),
  );
}

/** An email address. */
export function EmailField(description: string): Decorator {
  return all(
    Field(() => String, { description }),
    IsString(),
    MaxLength(INPUT_LIMITS.shortText),
    IsEmail(),
  );
}

/** A list of short texts (products, languages, territories, …). */
export function TextListField(description: string, options: Common = {}): Decorator {
  return all(
    Field(() => [String], { description, nullable: options.nullable ?? false }),
    ...optional(options.nullable),
    IsArray(),
    ArrayMaxSize(INPUT_LIMITS.listItems),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(INPUT_LIMITS.shortText, { each: true }),
  );
}

/** A whole number within bounds. */
export function IntField(
  description: string,
  bounds: Common & { readonly min: number; readonly max: number },
): Decorator {
  return all(
    Field(() => Int, { description, nullable: bounds.nullable ?? false }),
    ...optional(bounds.nullable),
    IsInt(),
    Min(bounds.min),
    Max(bounds.max),
  );
}

/** A finite decimal number within bounds. */
export function FloatField(
  description: string,
  bounds: Common & { readonly min: number; readonly max: number },
): Decorator {
  return all(
    Field(() => Float, { description, nullable: bounds.nullable ?? false }),
    ...optional(bounds.nullable),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(bounds.min),
    Max(bounds.max),
  );
}

export function BooleanField(description: string, options: Common = {}): Decorator {
  return all(
    Field(() => Boolean, { description, nullable: options.nullable ?? false }),
    ...optional(options.nullable),
    IsBoolean(),
  );
}

/** An instant (ISO-8601 string with a time zone, normalised to UTC). */
export function DateTimeField(description: string, options: Common = {}): Decorator {
  return all(
    Field(() => DateTimeScalar, { description, nullable: options.nullable ?? false }),
    ...optional(options.nullable),
    IsString(),
  );
}

/** One value of a GraphQL enum made from one of the domain's value lists. */
export function EnumField(values: object, description: string, options: Common = {}): Decorator {
  return all(
    Field(() => values, { description, nullable: options.nullable ?? false }),
    ...optional(options.nullable),
    IsIn(Object.values(values)),
  );
}

/** A list of enum values. */
export function EnumListField(values: object, description: string, options: Common = {}): Decorator {
  return all(
    Field(() => [values], { description, nullable: options.nullable ?? false }),
    ...optional(options.nullable),
    IsArray(),
    ArrayMaxSize(INPUT_LIMITS.listItems),
    IsIn(Object.values(values), { each: true }),
  );
}

/** A nested input object (validated in depth). */
export function NestedField(type: () => ClassType, description: string, options: Common = {}): Decorator {
  return all(
    Field(type, { description, nullable: options.nullable ?? false }),
    ...optional(options.nullable),
    ValidateNested(),
  );
}

/** A list of nested input objects (each validated in depth). */
export function NestedListField(type: () => ClassType, description: string, options: Common = {}): Decorator {
  return all(
    Field(() => [type()], { description, nullable: options.nullable ?? false }),
    ...optional(options.nullable),
    IsArray(),
    ArrayMaxSize(INPUT_LIMITS.listItems),
    ValidateNested({ each: true }),
  );
}
