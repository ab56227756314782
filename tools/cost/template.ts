/**
 * Reading property values out of synthesized templates. CDK writes literals for most of what the pricers need,
 * but some values are intrinsics (a Ref to an SSM-typed parameter, Fn::Split of one, Fn::If): those cannot be
 * known before deploy, so the reader returns undefined and records why; the pricer then uses a stated
 * assumption instead of crashing or guessing silently.
 */
import type { CfnTemplate } from './model';

const SSM_PARAMETER_TYPE = /^AWS::SSM::Parameter::Value</;

/** Why `value` cannot be known from the template alone, or undefined when it can. */
function unresolvedReason(template: CfnTemplate, value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const [fn, arg] = Object.entries(value as Record<string, unknown>)[0] ?? [];
  if (fn === 'Ref' && typeof arg === 'string') {
    const parameter = template.Parameters?.[arg];
    if (parameter && SSM_PARAMETER_TYPE.test(parameter.Type ?? '')) return `read from the SSM parameter ${String(parameter.Default)} at deploy time`;
    if (parameter) return `the template parameter ${arg}`;
    return `a reference to ${arg}`;
  }
  return `an ${fn ?? 'empty'} expression`;
}

/** A literal value of `value`, following a Ref to a plain template parameter with a default. */
function literal(template: CfnTemplate, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'Ref' in value) {
    const parameter = template.Parameters?.[(value as { Ref: string }).Ref];
    if (parameter && !SSM_PARAMETER_TYPE.test(parameter.Type ?? '') && parameter.Default !== undefined) return parameter.Default;
  }
  return value;
}

/**
 * Typed access to one resource's properties. Each getter returns undefined when the property is absent or
 * cannot be resolved; in the second case it records a note naming the property and why.
 */
export class PropertyReader {
  readonly notes: string[] = [];

  constructor(
    private readonly template: CfnTemplate,
    private readonly properties: Record<string, unknown>,
  ) {}

  /** The raw value (intrinsics included). */
  raw(name: string): unknown {
    return this.properties[name];
  }

  private value(name: string): unknown {
    const value = literal(this.template, this.properties[name]);
    const reason = unresolvedReason(this.template, value);
    if (reason) {
      this.notes.push(`${name} is ${reason}`);
      return undefined;
    }
    return value;
  }

  string(name: string): string | undefined {
    const value = this.value(name);
    return value === undefined ? undefined : String(value);
  }

  number(name: string): number | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    const parsed = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(parsed)) {
      this.notes.push(`${name} = ${JSON.stringify(value)} is not a number`);
      return undefined;
    }
    return parsed;
  }

  boolean(name: string): boolean | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    return value === true || value === 'true';
  }

  /** Items of a list property: its length when literal (items may be Refs), undefined when not knowable. */
  count(name: string): number | undefined {
    const value = literal(this.template, this.properties[name]);
    if (Array.isArray(value)) return value.length;
    if (typeof value === 'string') return value.split(',').length; // a CommaDelimitedList parameter's default
    if (value !== undefined) this.notes.push(`${name} is ${unresolvedReason(this.template, value)}, so its length is unknown`);
    return undefined;
  }

  /** A list property of objects (e.g. alarm Metrics), or [] when absent or not a literal list. */
  list(name: string): Record<string, any>[] {
    const value = this.properties[name];
    return Array.isArray(value) ? (value as Record<string, any>[]) : [];
  }

  object(name: string): Record<string, any> | undefined {
    const value = this.properties[name];
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, any>) : undefined;
  }
}

/** True when `value` is `{ Ref: logicalId }` or `{ "Fn::GetAtt": [logicalId, ...] }`. */
export function refersTo(value: unknown, logicalId: string): boolean {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (v.Ref === logicalId) return true;
  const getAtt = v['Fn::GetAtt'];
  return Array.isArray(getAtt) ? getAtt[0] === logicalId : typeof getAtt === 'string' && getAtt.split('.')[0] === logicalId;
}

/** Logical ids and properties of every resource of `type` in the template. */
export function resourcesOfType(template: CfnTemplate, type: string): [string, Record<string, any>][] {
  return Object.entries(template.Resources ?? {})
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, (resource.Properties ?? {}) as Record<string, any>]);
}

/** A value for people: literals as they are, `Fn::Join` of literals and pseudo parameters joined (`${AWS::Region}`). */
export function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, any>;
  if (typeof v.Ref === 'string') return `\${${v.Ref}}`;
  if (Array.isArray(v['Fn::Join']) && Array.isArray(v['Fn::Join'][1])) return v['Fn::Join'][1].map(display).join(v['Fn::Join'][0]);
  return `(${Object.keys(v)[0]})`;
}
