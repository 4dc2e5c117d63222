import { describe, expect, it } from 'vitest';
import { splitFrontMatter, type SplitOk } from '../../../src/lib/feed/hugo/frontMatter';

const FM = '---\ntitle: "Hello"\ndate: "2026-01-02T03:04:05"\ntags: ["a", "b"]\n---\n';

function ok(text: string, file = 'post.md'): SplitOk {
  const result = splitFrontMatter(text, file);
  if (!result.ok) throw new Error(`expected ok, got line ${result.line}: ${result.message}`);
  return result;
}

function failure(text: string, file = 'post.md') {
  const result = splitFrontMatter(text, file);
  if (result.ok) throw new Error('expected a failure');
  return { line: result.line, message: result.message };
}

describe('splitFrontMatter: well-formed files', () => {
  it('splits YAML front matter and body', () => {
    const r = ok(FM + '\nBody text.\n');
    expect(r.data).toEqual({ title: 'Hello', date: '2026-01-02T03:04:05', tags: ['a', 'b'] });
    expect(r.body).toBe('\nBody text.\n');
    expect(r.bodyStartLine).toBe(6);
    expect(r.recovered).toBeNull();
    expect(r.keyLines).toMatchObject({ title: 2, date: 3, tags: 4 });
  });

  it('tolerates CRLF, a BOM, leading blank lines and trailing spaces on the delimiters', () => {
    const r = ok('\uFEFF\r\n  \r\n---  \r\ntitle: Hi\r\n---   \r\nBody\r\n');
    expect(r.data.title).toBe('Hi');
    expect(r.body).toBe('Body\n');
    expect(r.bodyStartLine).toBe(6);
    expect(r.recovered).toBeNull();
  });
});

describe('splitFrontMatter: recovered files', () => {
  it('unwraps a whole post pasted in a ```markdown fence closed on the last line', () => {
    const r = ok('```markdown\n' + FM + '\nIntro\n\n```python\nx = 1\n```\n\nEnd.\n```\n\n');
    expect(r.data.title).toBe('Hello');
    expect(r.recovered).toMatch(/markdown code fence/);
    expect(r.body).not.toMatch(/```\s*$/);
    expect(r.body).toContain('```python\nx = 1\n```');
  });

  it('keeps a final fence that closes a real code block', () => {
    const r = ok('```markdown\n' + FM + 'Intro\n\n```\ncode\n```\n');
    expect(r.body.trimEnd().endsWith('```')).toBe(true);
  });

  it('unwraps front matter pasted in a ```yaml fence closed right after it', () => {
    const r = ok('```yaml\n' + FM + '```\n\n# Heading\n\nText\n');
    expect(r.data.title).toBe('Hello');
    expect(r.recovered).toMatch(/yaml code fence/);
    expect(r.body).not.toContain('```');
    expect(r.bodyStartLine).toBe(7);
  });

  it('unwraps a bare fence', () => {
    const r = ok('```\n' + FM + '```\nText\n');
    expect(r.recovered).toMatch(/bare code fence/);
    expect(r.body).toBe('\nText\n');
  });

  it('reads front matter that lacks its opening ---', () => {
    const r = ok('title: "No opener"\ndate: "2026-01-06T08:10:52.477"\ndraft: false\n---\n\n## Intro\n');
    expect(r.data).toMatchObject({ title: 'No opener', draft: false });
    expect(r.recovered).toMatch(/no opening "---"/);
    expect(r.bodyStartLine).toBe(5);
  });

  it('takes the title from a leading "# " heading and the date from the file name', () => {
    const r = ok('# Celery: A Task Queue\n\nIntro text.\n', 'posts/2025-12-12-celery.md');
    expect(r.data).toEqual({ title: 'Celery: A Task Queue', date: '2025-12-12' });
    expect(r.body).not.toContain('# Celery');
    expect(r.recovered).toMatch(/title from the "# " heading, date from the file name/);
  });

  it('accepts a heading-only post without a date prefix (date stays unset)', () => {
    const r = ok('# Just a Title #\n\nText\n', 'notes.md');
    expect(r.data).toEqual({ title: 'Just a Title' });
    expect(r.recovered).toMatch(/no date/);
  });

  it('reads front matter left at the end of a heading-first post', () => {
    const text = '# Celery\n\nText.\n\n---\n\ntitle: "Celery"\ndate: "2025-12-12T16:48:09.080"\ntags: ["python"]\n';
    const r = ok(text, '2025-12-12-celery.md');
    expect(r.data).toEqual({ title: 'Celery', date: '2025-12-12T16:48:09.080', tags: ['python'] });
    expect(r.body).not.toContain('title:');
    expect(r.body).not.toContain('---');
    expect(r.recovered).toMatch(/from the end of the file/);
  });

  it('takes a missing title from the first "# " heading of the body', () => {
    const r = ok('---\ndate: 2026-01-01\n---\n\n# Real Title\n\nText\n');
    expect(r.data.title).toBe('Real Title');
    expect(r.keyLines.title).toBe(5);
    expect(r.body).not.toContain('Real Title');
    expect(r.recovered).toMatch(/first "# " heading/);
  });
});

describe('splitFrontMatter: failures carry the file line', () => {
  it('reports invalid YAML at the line of the broken field', () => {
    expect(failure('---\ntitle: ok\ntags: [a, b\ndate: 2026-01-01\n---\nBody\n')).toEqual({
      line: 3,
      message: expect.stringMatching(/^invalid YAML front matter: /) as unknown as string,
    });
    expect(failure('\n\n---\ntitle: a\ntitle: b\n---\n').line).toBe(5);
    // An unclosed quote is reported where the field starts, not where YAML gave up.
    expect(failure('---\ndraft: false\ntitle: "Unclosed\ndate: 2026-01-01\ntags: [a]\n---\nBody\n').line).toBe(3);
  });

  it('reports an unclosed front matter at its opening line', () => {
    expect(failure('\n---\ntitle: x\nBody\n')).toEqual({ line: 2, message: 'front matter has no closing "---"' });
  });

  it('reports TOML front matter', () => {
    expect(failure('+++\ntitle = "x"\n+++\n')).toEqual({ line: 1, message: 'TOML front matter (+++) is not supported' });
  });

  it('reports a file without front matter or title', () => {
    expect(failure('\n\nJust some text.\n')).toEqual({ line: 3, message: 'no front matter and no "# title" heading' });
    expect(failure('')).toEqual({ line: 1, message: 'empty file' });
  });

  it('reports front matter without a title', () => {
    expect(failure('---\ndate: 2026-01-01\n---\nNo heading.\n')).toEqual({ line: 1, message: 'no title in the front matter' });
  });

  it('reports front matter that is not a mapping', () => {
    expect(failure('---\n- a\n- b\n---\n')).toEqual({ line: 2, message: 'front matter is not a list of "key: value" fields' });
  });

  it('reports key lines without any closing ---', () => {
    expect(failure('title: x\ndate: 2026-01-01\n\nText\n')).toEqual({ line: 1, message: 'front matter without "---" delimiters' });
  });
});
