// zod for every schema in the app: zod/mini (the functional API), with English issue messages.
// Classic zod's method API keeps all of zod in any bundle that imports it (JSON-schema generation
// included): about 16 KB of the gzipped Worker. Import `* as z from './zod'`, never 'zod' itself.

import * as z from 'zod/mini';
import { _coercedNumber, _isoDateTime } from 'zod/v4/core';

// zod's util.parsedType, stringifyPrimitive and joinValues (importing zod's util namespace keeps all of it).
function parsedType(data: unknown): string {
  if (typeof data === 'number') return Number.isNaN(data) ? 'nan' : 'number';
  if (typeof data === 'object') {
    if (data === null) return 'null';
    if (Array.isArray(data)) return 'array';
    if (Object.getPrototypeOf(data) !== Object.prototype && 'constructor' in data && data.constructor) {
      return (data.constructor as { name: string }).name;
    }
  }
  return typeof data;
}
const stringifyPrimitive = (v: unknown) =>
  typeof v === 'bigint' ? `${v}n` : typeof v === 'string' ? `"${v}"` : `${v as string}`;
const joinValues = (values: readonly unknown[], separator: string) => values.map(stringifyPrimitive).join(separator);
const UNITS: Record<string, string> = {
  string: 'characters',
  file: 'bytes',
  array: 'items',
  set: 'items',
  map: 'entries',
};
const FORMATS: Record<string, string> = {
  regex: 'input',
  email: 'email address',
  url: 'URL',
  datetime: 'ISO datetime',
};
const typeName = (type: string, input?: unknown) =>
  type === 'number' && typeof input === 'number' && !Number.isFinite(input)
    ? String(input)
    : type === 'nan'
      ? 'NaN'
      : type;

/**
 * zod's English messages (zod/locales `en`, word for word) for the issues these schemas can raise;
 * about 0.5 KB gzipped smaller in the Worker than the whole locale. test/core/zod-messages.test.ts
 * holds them to zod's own.
 */
export function englishMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${typeName(issue.expected)}, received ${typeName(parsedType(issue.input), issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `Invalid input: expected ${stringifyPrimitive(issue.values[0])}`
        : `Invalid option: expected one of ${joinValues(issue.values, '|')}`;
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const adj = issue.exact ? 'exactly ' : `${big ? '<' : '>'}${issue.inclusive ? '=' : ''}`;
      const unit = UNITS[issue.origin];
      const limit = `${adj}${(big ? issue.maximum : issue.minimum).toString()}`;
      const origin = big ? (issue.origin ?? 'value') : issue.origin;
      return `Too ${big ? 'big' : 'small'}: expected ${origin} to ${unit ? `have ${limit} ${unit}` : `be ${limit}`}`;
    }
    case 'invalid_format':
      return issue.format === 'regex'
        ? `Invalid string: must match pattern ${(issue as { pattern?: string }).pattern}`
        : `Invalid ${FORMATS[issue.format] ?? issue.format}`;
    case 'unrecognized_keys':
      return `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${joinValues(issue.keys, ', ')}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown }).options;
      return Array.isArray(options) && options.length > 0
        ? `Invalid discriminator value. Expected ${options.map((o) => `'${o}'`).join(' | ')}`
        : issue.inclusive === false
          ? 'Invalid input: more than one option matched'
          : 'Invalid input';
    }
    default:
      return 'Invalid input';
  }
}

z.config({ localeError: englishMessage });

// `z.iso.datetime` and `z.coerce.number` as zod/mini defines them, without going through the `z.iso` and
// `z.coerce` namespaces: a namespace used as an object keeps every member in the bundle (zod's ISO date,
// time and duration types, and every coercion; about 0.5 KB of the gzipped Worker).
export const isoDateTime = (params: Parameters<typeof z.iso.datetime>[0]) => _isoDateTime(z.ZodMiniISODateTime, params);
export const coercedNumber = () => _coercedNumber(z.ZodMiniNumber);

export * from 'zod/mini';
