// The names of planbot's check runs. Branch protection and rulesets require checks by name, so
// these strings are part of planbot's public contract: never change them casually.

export const CHECK_NAME_PREFIX = 'planbot /';
export const PLAN_CHECK = 'planbot / plan';
export const GATES_CHECK = 'planbot / quality gates';
export const GATE_CHECK_PREFIX = 'planbot / gate: ';

/** The per-gate check name (`checks.per_gate`): whitespace collapsed so a wrapped cell gives a stable name. */
export function gateCheckName(gateName: string): string {
  return `${GATE_CHECK_PREFIX}${normaliseName(gateName)}`;
}

/** Collapses whitespace; names compare case-insensitively through `nameKey`. */
export function normaliseName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/** The key two gate (or check) names are matched by: whitespace-normalised and case-insensitive. */
export function nameKey(name: string): string {
  return normaliseName(name).toLowerCase();
}

export function isPlanbotCheckName(name: string | null | undefined): boolean {
  return typeof name === 'string' && name.startsWith(CHECK_NAME_PREFIX);
}
