// Command texts built from the real parts of the language, shuffled, for property tests and the benchmark.
import fc from 'fast-check';

const TIMES = ['15:00', 'at 3pm', '3:30pm', '10am', 'в 15:00', 'в 3 часа дня', 'at noon', '25:00', '10:75', '13pm', 'в 15.00', '23:59', '0:00', '12am'];
const DAYS = ['today', 'tomorrow', 'сегодня', 'завтра', 'послезавтра', 'fri', 'next monday', 'в пятницу', 'в следующую среду', 'sunday', '2026-12-01', '01.12', '31.02', '1 Dec', 'Dec 1', '1 декабря', 'December 31st 2030', '29.02', 'yesterday', 'вчера', 'позавчера', 'the day before yesterday', 'last friday', 'в прошлую пятницу'];
const DURATIONS = ['30m', '1h30', '1.5h', 'for 45 minutes', 'for an hour', 'на час', 'полтора часа', 'полчаса', '0m', '25h', '1h75', '2 hours', 'на 2 часа', '90 min', '30 мин', '24h', '1,5 часа'];
const RELATIVE = ['in 2h', 'in 30 minutes', 'через 2 часа', 'через полчаса', 'in 0h', 'in 3 days', 'через неделю', 'in 99999 hours', '10 minutes ago', '2 часа назад', 'a week ago', '0 min ago'];
const RANGES = ['10:00-11:00', '10-11', 'from 10 to 11:30', '10am-11am', 'с 10 до 11', 'с 10:00 до 11:30', '11-10', '22:00-01:00', '2-3pm', 'between 9 and 17'];
const WORDS = ['Design', 'review', 'Incident', '42', 'Обзор', 'дизайна', 'sync', 'Q3', '-', ':', 'with', 'and', 'и', 'с', 'at', 'на', 'v2.10', '1:1', 'Room 101', 'now', 'сейчас', 'may', 'mar'];
const PEOPLE = ['@alice', '@bob', '@Alice', 'alice@example.com', 'ALICE@example.com', '<@U123|bob>', '<@U456>', '<at>Alice Smith</at>', '<mailto:a@b.com|a@b.com>', '@мария', '@x.y-z_1', '<!channel>', '<!subteam^S1|@team>'];
const QUOTES = ['"Planning"', '«Планирование»', '“Q4 plan”', '""', '"unclosed', '"Sync @bob 10:00 30m"', '«<@U123|bob> завтра»', '"cancel culture"'];
const HEADS = ['', '/meet ', 'meet ', '/MEET ', 'help ', 'list ', 'cancel 42 ', 'cancel ', 'cancel 123 456 789 012 ', 'отмена ', 'remove 5 ', 'hlep ', '/meet help', '/meet list'];

/** Mentions a platform would report for texts from this grammar: literal token and name. */
export const GRAMMAR_MENTIONS = [
  { token: '<@U123|bob>', name: 'U123' },
  { token: '<@U456>', name: 'U456' },
  { token: '<at>Alice Smith</at>', name: 'Alice Smith' },
];

/** Zones the properties are checked in, including DST zones and ones far from UTC. */
export const ZONES = ['UTC', 'Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Chatham', 'America/St_Johns', 'Australia/Lord_Howe'];

const part = (list: readonly string[]) => fc.constantFrom(...list);

/** A command text: a head plus a shuffled subset of real parts, separated by spaces (sometimes commas). */
export const commandText: fc.Arbitrary<string> = fc
  .tuple(
    part(HEADS),
    fc.shuffledSubarray(
      [TIMES, DAYS, DURATIONS, RELATIVE, RANGES, WORDS, WORDS, PEOPLE, PEOPLE, PEOPLE, QUOTES],
      { minLength: 0, maxLength: 8 },
    ).chain((lists) => fc.tuple(...lists.map((l) => part(l)))),
    fc.constantFrom(' ', ' ', ', '),
  )
  .map(([head, parts, sep]) => `${head}${(parts as string[]).join(sep)}`);

/** A reader's "now" between 2020 and 2035. */
export const readerNow: fc.Arbitrary<Date> = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });
