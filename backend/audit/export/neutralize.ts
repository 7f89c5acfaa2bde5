/**
 * Characters that make a spreadsheet read a cell as a formula (or, for TAB
 * and CR, that some importers strip so that the next character does). OWASP's
 * list for CSV injection, as character codes: = + - @ TAB CR.
 */
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);

/**
 * A value a spreadsheet will show as text: one starting with a formula
 * character gets a leading `'`, so `=HYPERLINK("…")` in a customer's name is
 * never evaluated when an admin opens the export. Everything else is returned
 * unchanged. The `'` is visible in the cell; that is the accepted price.
 */
export function neutralizeFormula(value: string): string {
  // By code, not by value[0]: this runs for every cell of an export.
  return value.length > 0 && FORMULA_START.has(value.charCodeAt(0)) ? `'${value}` : value;
}
