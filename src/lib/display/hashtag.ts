/**
 * A topic as a hashtag: one word ("#DistributedSystems", never "#Distributed Systems"), with a
 * trailing note such as "(mixed scripts)" kept apart and readable.
 */
export function hashtag(name: string): string {
  const note = /\s+(\([^)]*\))$/.exec(name);
  const words = note ? name.slice(0, note.index) : name;
  return `#${words.replace(/\s+/g, '')}${note ? ` ${note[1]}` : ''}`;
}
