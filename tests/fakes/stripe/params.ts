// Stripe's request syntax and error shape. The SDK form-encodes parameters with bracketed keys
// (`line_items[0][price_data][unit_amount]=2500`, `metadata[pledgeId]=…`, `expand[]=payments`);
// here they become plain nested objects and arrays of strings, which the handlers then read with
// the typed getters below. Errors carry Stripe's `{ error: { type, code, message, param } }` body.

/** A parsed parameter: everything on the wire is a string; brackets make objects and arrays. */
export type Param = string | Param[] | { [key: string]: Param };
export type Params = { [key: string]: Param };

export type ErrorType = 'invalid_request_error' | 'idempotency_error' | 'card_error' | 'api_error';

export class StripeApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly type: ErrorType,
    message: string,
    readonly details: { code?: string; param?: string; decline_code?: string } = {},
  ) {
    super(message);
  }

  toBody() {
    return { error: { type: this.type, message: this.message, ...this.details } };
  }
}

/** A state the control API refuses (unknown id, session not open …): HTTP 400/404 there. */
export class EmulatorError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string, param?: string, code?: string) =>
  new StripeApiError(400, 'invalid_request_error', message, { ...(code ? { code } : {}), ...(param ? { param } : {}) });

export const missing = (noun: string, id: string, param = 'id') =>
  new StripeApiError(404, 'invalid_request_error', `No such ${noun}: '${id}'`, { code: 'resource_missing', param });

// Keys that would reach Object.prototype if used as property names.
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function splitKey(raw: string): string[] {
  const open = raw.indexOf('[');
  if (open === -1) return [raw];
  const parts = [raw.slice(0, open)];
  const rest = raw.slice(open);
  const pattern = /\[([^\]]*)\]/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(rest)) !== null) {
    parts.push(match[1] ?? '');
    consumed = pattern.lastIndex;
  }
  if (consumed !== rest.length) throw invalid(`Invalid parameter name: ${raw}`, raw);
  return parts;
}

type Node = { kind: 'value'; value: string } | { kind: 'map'; entries: Map<string, Node>; appended: number };

function toParam(node: Node, path: string): Param {
  if (node.kind === 'value') return node.value;
  const keys = [...node.entries.keys()];
  const allIndices = keys.length > 0 && keys.every((key) => /^\d+$/.test(key));
  if (allIndices) {
    // Stripe reads `a[0]`, `a[1]` … as an array and refuses gaps.
    const indices = keys.map(Number).sort((a, b) => a - b);
    if (indices.some((index, position) => index !== position))
      throw invalid(`Invalid array: ${path} must have consecutive indices starting at 0.`, path);
    return [...node.entries.entries()]
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([index, child]) => toParam(child, `${path}[${index}]`));
  }
  const object: { [key: string]: Param } = {};
  for (const [key, child] of node.entries) object[key] = toParam(child, `${path}[${key}]`);
  return object;
}

/** Parses a form-encoded body or query string into nested parameters. */
export function parseParams(encoded: string): Params {
  const root: Node = { kind: 'map', entries: new Map(), appended: 0 };
  for (const [rawKey, value] of new URLSearchParams(encoded)) {
    const parts = splitKey(rawKey);
    let node = root;
    parts.forEach((part, position) => {
      if (FORBIDDEN_KEYS.has(part)) throw invalid(`Invalid parameter name: ${rawKey}`, rawKey);
      if (node.kind !== 'map') throw invalid(`Invalid hash: ${rawKey}`, rawKey);
      // `expand[]=a&expand[]=b` appends, like an array written with explicit indices.
      const key = part === '' && position > 0 ? String(node.appended++) : part;
      if (key === '') throw invalid('Parameter names cannot be empty.');
      const last = position === parts.length - 1;
      const existing = node.entries.get(key);
      if (last) {
        if (existing) throw invalid(`Duplicate parameter: ${rawKey}`, rawKey);
        node.entries.set(key, { kind: 'value', value });
        return;
      }
      if (existing?.kind === 'value') throw invalid(`Invalid hash: ${rawKey}`, rawKey);
      const next: Node = existing ?? { kind: 'map', entries: new Map(), appended: 0 };
      node.entries.set(key, next);
      node = next;
    });
  }
  const parsed = toParam(root, '');
  return Array.isArray(parsed) || typeof parsed === 'string' ? {} : parsed;
}

/** Stable text of a parameter tree (sorted keys), so "same request" does not depend on key order. */
export function canonical(value: Param | undefined): string {
  if (value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
}

/** Refuses parameters the emulator does not read, as Stripe refuses unknown ones. */
export function allowOnly(params: Params, allowed: readonly string[], prefix = ''): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) {
      throw invalid(
        `Received unknown parameter: ${prefix}${key}. (The local Stripe emulator implements: ${allowed.join(', ')}.)`,
        `${prefix}${key}`,
        'parameter_unknown',
      );
    }
  }
}

export function hash(params: Params, key: string, path = key): Params | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' || Array.isArray(value)) throw invalid(`Invalid object: ${path} must be a hash.`, path);
  return value;
}

export function list(params: Params, key: string, path = key): Param[] | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (!Array.isArray(value)) throw invalid(`Invalid array: ${path} must be an array.`, path);
  return value;
}

export function str(params: Params, key: string, path = key): string | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`Invalid string: ${path} must be a string.`, path);
  return value;
}

export function requiredStr(params: Params, key: string, path = key): string {
  const value = str(params, key, path);
  if (value === undefined || value === '') throw invalid(`Missing required param: ${path}.`, path, 'parameter_missing');
  return value;
}

export function int(params: Params, key: string, path = key, { min = 0 }: { min?: number } = {}): number | undefined {
  const value = str(params, key, path);
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw invalid(`Invalid integer: ${value}`, path);
  const number = Number(value);
  if (number < min) throw invalid(`This value must be greater than or equal to ${min}.`, path);
  return number;
}

export function bool(params: Params, key: string, path = key): boolean | undefined {
  const value = str(params, key, path);
  if (value === undefined || value === '') return undefined;
  if (value !== 'true' && value !== 'false') throw invalid(`Invalid boolean: ${value}`, path);
  return value === 'true';
}

export function oneOf<T extends string>(params: Params, key: string, values: readonly T[], path = key): T | undefined {
  const value = str(params, key, path);
  if (value === undefined || value === '') return undefined;
  if (!(values as readonly string[]).includes(value)) throw invalid(`Invalid ${path}: must be one of ${values.join(', ')}`, path);
  // Checked against the allowed values just above.
  return value as T;
}

/** Stripe's metadata rules: ≤ 50 keys, keys ≤ 40 characters, values ≤ 500; '' deletes a key. */
export function metadata(params: Params, key: string, current: Record<string, string> = {}, path = key): Record<string, string> {
  const value = params[key];
  if (value === undefined) return { ...current };
  if (value === '') return {};
  if (typeof value === 'string' || Array.isArray(value)) throw invalid(`Invalid object: ${path} must be a hash.`, path);
  const next = { ...current };
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw invalid(`Invalid string: ${path}[${name}] must be a string.`, `${path}[${name}]`);
    if (name.length > 40) throw invalid(`Metadata keys can have up to 40 characters; ${name} has ${name.length}.`, `${path}[${name}]`);
    if (entry.length > 500)
      throw invalid(
        `Metadata values can have up to 500 characters, but you passed in a value that is ${entry.length} characters.`,
        `${path}[${name}]`,
      );
    if (entry === '') delete next[name];
    else next[name] = entry;
  }
  if (Object.keys(next).length > 50) throw invalid('You can have up to 50 metadata keys.', path);
  return next;
}

/** `expand[]` paths, at most four levels deep as Stripe allows. */
export function expandPaths(params: Params): string[] {
  const value = list(params, 'expand') ?? [];
  return value.map((entry, index) => {
    if (typeof entry !== 'string' || entry === '') throw invalid(`Invalid string: expand[${index}]`, `expand[${index}]`);
    if (entry.split('.').length > 4)
      throw invalid(`You cannot expand more than 4 levels of a property. Property: ${entry}`, `expand[${index}]`);
    return entry;
  });
}
