/** Update expressions over attributes named at run time (member fields, counters, settings). */
export interface Assignments {
  set?: Record<string, unknown>;
  remove?: string[];
  add?: Record<string, number>;
  /** SET clauses written by the caller, over the caller's own names and values. */
  clauses?: string[];
}

export interface UpdateParts {
  UpdateExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * `SET #s0 = :s0, … REMOVE #r0, … ADD #a0 :a0, …` with every attribute behind a placeholder (so a
 * reserved word or a `credit_…` name is safe), merged with the caller's own names and values.
 * The expression is empty when there is nothing to change.
 */
export function updateParts(change: Assignments, names: Record<string, string> = {}, values: Record<string, unknown> = {}): UpdateParts {
  const allNames = { ...names };
  const allValues = { ...values };
  const name = (placeholder: string, attribute: string) => {
    allNames[`#${placeholder}`] = attribute;
    return `#${placeholder}`;
  };
  const value = (placeholder: string, v: unknown) => {
    allValues[`:${placeholder}`] = v;
    return `:${placeholder}`;
  };
  const sets = [...(change.clauses ?? []), ...Object.entries(change.set ?? {}).map(([a, v], i) => `${name(`s${i}`, a)} = ${value(`s${i}`, v)}`)];
  const removes = (change.remove ?? []).map((a, i) => name(`r${i}`, a));
  const adds = Object.entries(change.add ?? {}).map(([a, n], i) => `${name(`a${i}`, a)} ${value(`a${i}`, n)}`);
  const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : '', adds.length ? `ADD ${adds.join(', ')}` : '']
    .filter(Boolean)
    .join(' ');
  return {
    UpdateExpression: expression,
    ...(Object.keys(allNames).length ? { ExpressionAttributeNames: allNames } : {}),
    ...(Object.keys(allValues).length ? { ExpressionAttributeValues: allValues } : {}),
  };
}
