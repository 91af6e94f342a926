import type { AnyPayloadField, AnyPayloadShape } from '@vouch/domain';
import { IsUppercase, Length } from 'class-validator';
import { type ClassType, InputType } from 'type-graphql';
import {
  BooleanField,
  DateTimeField,
  EmailField,
  EnumField,
  EnumListField,
  FloatField,
  IdField,
  IntField,
  NestedField,
  NestedListField,
  TextField,
  TextListField,
} from '../common/fields';
import { MoneyInput } from '../common/money-input';
import { PAYLOAD_ENUMS } from './payload-enums';

type Decorator = (target: object, key: string) => void;

// Input classes by GraphQL name: a shape used by several commands (e.g. `Money`) becomes one type.
const inputTypes = new Map<string, { readonly type: ClassType; readonly fields: string }>([
  ['MoneyInput', { type: MoneyInput, fields: 'amount,currency' }],
]);

/** The field decorator (GraphQL type with its class-validator rules) of one payload field. */
function decoratorOf(field: AnyPayloadField): Decorator {
  const { description } = field;
  const nullable = field.optional === true;
  switch (field.kind) {
    case 'id':
      return IdField(description, { nullable });
    case 'text': {
      const text = TextField(description, { nullable, ...(field.long ? { long: true } : {}) });
      if (field.exactLength === undefined && !field.uppercase) return text;
      const length = field.exactLength;
      return (target, key) => {
        text(target, key);
        if (length !== undefined) Length(length, length)(target, key);
        if (field.uppercase) IsUppercase()(target, key);
      };
    }
    case 'email':
      return EmailField(description);
    case 'instant':
      return DateTimeField(description, { nullable });
    case 'boolean':
      return BooleanField(description, { nullable });
    case 'int':
      return IntField(description, { min: field.min, max: field.max, nullable });
    case 'float':
      return FloatField(description, { min: field.min, max: field.max, nullable });
    case 'enum':
      return EnumField(PAYLOAD_ENUMS[field.of], description, { nullable });
    case 'enumList':
      return EnumListField(PAYLOAD_ENUMS[field.of], description, { nullable });
    case 'textList':
      return TextListField(description, { nullable });
    case 'object': {
      const type = inputTypeOf(field.shape);
      return NestedField(() => type, description, { nullable });
    }
    case 'objectList': {
      const type = inputTypeOf(field.shape);
      return NestedListField(() => type, description, { nullable });
    }
    case 'map':
      // A map has no GraphQL form of its own: a command's API row lists it as entries.
      throw new Error(`The map field "${description}" needs an entry list in the command's API row.`);
  }
}

/**
 * The type-graphql input class of a payload shape, named `<shape name>Input`, built once: the
 * explicit-type rule holds because every field goes through the decorators of `common/fields`.
 */
export function inputTypeOf(shape: AnyPayloadShape): ClassType {
  const name = `${shape.name}Input`;
  const fields = Object.keys(shape.fields).join(',');
  const known = inputTypes.get(name);
  if (known) {
    // Two shapes under one name must be one shape, or the schema would silently drop fields.
    if (known.fields !== fields)
      throw new Error(`${name} is declared with fields ${known.fields} and ${fields}`);
    return known.type;
  }
  // A named class expression, so errors and the metadata name the type.
  const type = { [name]: class {} }[name] as ClassType;
  inputTypes.set(name, { type, fields });
  for (const [key, field] of Object.entries(shape.fields)) decoratorOf(field)(type.prototype as object, key);
  InputType(name, { description: shape.description })(type);
  return type;
}
