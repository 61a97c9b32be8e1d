/**
 * `table[key]` for a key the user typed, read only from the table's own properties: a plain
 * object also "has" `constructor`, `toString` and `__proto__`, which must read as absent.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
