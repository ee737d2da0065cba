// Text safety for Teams: user-provided words must not turn into markdown, mentions or card functions.

/** Escapes `text` for an Adaptive Card TextBlock or a Teams markdown message. */
export function escapeText(text: string): string {
  return text
    .replace(/[\\`*_[\]()~|]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\{\{/g, '{\u200b{')
    .replace(/^(\s*)([-+#]|\d+\.)/gm, (_m, space: string, mark: string) => `${space}\\${mark}`)
    .replace(/\r?\n/g, ' ');
}

/** A display name safe inside `<at>…</at>`: Teams matches the token literally against the mention entity. */
export function mentionName(name: string): string {
  const cleaned = name.replace(/[<>&\\`*_[\]{}]/g, '').replace(/\s+/g, ' ').trim();
  return cleaned || '?';
}

/** A markdown link whose URL cannot break out of the parentheses. */
export function link(label: string, url: string): string {
  return `[${escapeText(label)}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\s/g, '%20')})`;
}

/** An ISO instant as Adaptive Cards' DATE()/TIME() functions require it: seconds precision, `Z`. */
export function cardInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
