/** `<task id> <fixed|broken>` of each transcript a report shows under one split's heading of its task grid. */
export function flippedTranscripts(html: string, split: string): string[] {
  const start = html.indexOf(`<h3>${split}:`);
  if (start === -1) return [];
  const section = html.slice(start);
  const end = section.indexOf("<h3>", 1);
  return [...section.slice(0, end === -1 ? undefined : end).matchAll(/<details class="transcript"><summary><code>([^<]+)<\/code> (fixed|broken)/g)].map((m) => `${m[1]} ${m[2]}`);
}
