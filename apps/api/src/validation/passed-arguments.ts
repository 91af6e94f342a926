import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;

// Longer shapes are not remembered: a query's arguments are short, and a long text is rarely sent twice.
const MAX_SHAPE_LENGTH = 2048;

/**
 * Argument values that passed class-validator, remembered by their exact shape, so a query sent
 * again with the same arguments (a search page, a list) is not checked again: every constraint of
 * the API reads the value alone (built-in decorators only, no custom or conditional ones), so the
 * same classes holding the same data pass again. Only passes are remembered — a refusal is checked
 * afresh every time and its errors are new — and all is forgotten when any constraint or schema is
 * registered. Bounded: at `capacity` shapes it starts again from none.
 */
export class PassedArguments {
  private passed = new Set<string>();
  private readonly classIds = new WeakMap<object, number>();

  constructor(
    storage: MetadataStorage = getMetadataStorage(),
    private readonly capacity = 1024,
  ) {
    const forget = <A extends unknown[]>(add: (...args: A) => void) => {
      return (...args: A): void => {
        this.passed = new Set();
        add(...args);
      };
    };
    storage.addValidationMetadata = forget(storage.addValidationMetadata.bind(storage));
    storage.addConstraintMetadata = forget(storage.addConstraintMetadata.bind(storage));
    storage.addValidationSchema = forget(storage.addValidationSchema.bind(storage));
  }

  /** The value's exact shape, or undefined when it holds anything but plain data or is long. */
  shapeOf(value: unknown): string | undefined {
    const parts: string[] = [];
    let length = 0;
    const add = (part: string): boolean => {
      parts.push(part);
      length += part.length;
      return length <= MAX_SHAPE_LENGTH;
    };
    const visit = (v: unknown): boolean => {
      switch (typeof v) {
        case 'string':
          return add(JSON.stringify(v));
        case 'number':
          // -0 and NaN apart from 0 and null: a constraint may tell them apart.
          return add(Object.is(v, -0) ? 'n-0' : `n${String(v)}`);
        case 'boolean':
          return add(v ? 'T' : 'F');
        case 'undefined':
          return add('U');
        case 'object': {
          if (v === null) return add('N');
          const prototype = Object.getPrototypeOf(v) as object | null;
          if (Array.isArray(v)) {
            // No holes and no extra properties: exactly the items, in order.
            if (prototype !== Array.prototype || Object.keys(v).length !== v.length) return false;
            if (!add('[')) return false;
            for (const item of v as unknown[]) if (!visit(item) || !add(',')) return false;
            return add(']');
          }
          // Plain objects and instances of classes only: a Date, Map, boxed number… keeps its data
          // out of reach of its properties.
          if (Object.prototype.toString.call(v) !== '[object Object]') return false;
          const constructor = (prototype as { constructor?: unknown } | null)?.constructor;
          if (typeof constructor !== 'function' || constructor.prototype !== prototype) return false;
          if (Object.getOwnPropertySymbols(v).length > 0) return false;
          if (!add(`{${this.classId(constructor)}`)) return false;
          for (const name of Object.getOwnPropertyNames(v)) {
            // Data properties a validator reads as they are: no getters, nothing hidden.
            const property = Object.getOwnPropertyDescriptor(v, name)!;
            if (!('value' in property) || !property.enumerable) return false;
            if (!add(`${JSON.stringify(name)}:`) || !visit(property.value) || !add(',')) return false;
          }
          return add('}');
        }
        default:
          // bigint, symbol, function: not argument data.
          return false;
      }
    };
    return visit(value) ? parts.join('') : undefined;
  }

  /** Whether a value of this shape passed before. */
  has(shape: string): boolean {
    return this.passed.has(shape);
  }

  /** Remembers that a value of this shape passed. */
  add(shape: string): void {
    if (this.passed.size >= this.capacity) this.passed = new Set();
    this.passed.add(shape);
  }

  // Classes by identity: two classes of the same name are never confused.
  private classId(constructor: object): number {
    let id = this.classIds.get(constructor);
    if (id === undefined) this.classIds.set(constructor, (id = nextClassId++));
    return id;
  }
}

let nextClassId = 1;

const SHARED = new WeakMap<MetadataStorage, PassedArguments>();

/** The one memo of a metadata storage (every schema built over it shares the same constraints). */
export function passedArgumentsOf(storage: MetadataStorage = getMetadataStorage()): PassedArguments {
  let passed = SHARED.get(storage);
  if (passed === undefined) SHARED.set(storage, (passed = new PassedArguments(storage)));
  return passed;
}
