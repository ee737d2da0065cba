// Small numbers written as words, as people type them in durations ("two hours", "на два часа").

const WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, 'forty-five': 45, fifty: 50, sixty: 60, ninety: 90,
  один: 1, одна: 1, одну: 1, два: 2, две: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, восемь: 8, девять: 9, десять: 10,
  одиннадцать: 11, двенадцать: 12, пятнадцать: 15, двадцать: 20, тридцать: 30, сорок: 40, пятьдесят: 50, шестьдесят: 60,
  девяносто: 90, пару: 2, пара: 2, couple: 2,
};

const NUMERAL = /^\d{1,9}(?:[.,]\d{1,4})?$/;

/** The value of a numeral (`2`, `1.5`, `1,5`) or number word, or undefined. */
export function numberOf(core: string | undefined): number | undefined {
  if (core === undefined) return undefined;
  if (NUMERAL.test(core)) return Number(core.replace(',', '.'));
  return Object.prototype.hasOwnProperty.call(WORDS, core) ? WORDS[core] : undefined;
}
