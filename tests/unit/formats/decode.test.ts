import { describe, expect, it } from 'vitest';
import { charsetOf, decodeFeedBytes } from '../../../src/lib/feed/formats/decode';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('decodeFeedBytes', () => {
  it('follows a byte-order mark first', () => {
    expect(decodeFeedBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('<a>é</a>')]))).toBe('<a>é</a>');
    expect(decodeFeedBytes(Uint8Array.from([0xff, 0xfe, ...Buffer.from('<a>é</a>', 'utf16le')]))).toBe('<a>é</a>');
    expect(decodeFeedBytes(Uint8Array.from([0xfe, 0xff, ...Buffer.from('<a>é</a>', 'utf16le').swap16()]))).toBe('<a>é</a>');
    expect(decodeFeedBytes(Uint8Array.from(Buffer.from('<?xml version="1.0"?><a>é</a>', 'utf16le')))).toBe('<?xml version="1.0"?><a>é</a>');
  });

  it('then the HTTP charset, then the XML declaration', () => {
    const latin1 = bytes('<?xml version="1.0" encoding="ISO-8859-1"?><a>caf', [0xe9], '</a>');
    expect(decodeFeedBytes(latin1)).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><a>café</a>');
    expect(decodeFeedBytes(Uint8Array.from([0x82, 0xa0]), 'text/xml; charset=Shift_JIS')).toBe('あ');
    expect(decodeFeedBytes(Uint8Array.from([0xc1, 0xc2]), 'application/rss+xml; charset="KOI8-R"')).toBe('аб');
  });

  it('decodes windows-1252 (and so Latin-1 labels) with its curly quotes, dashes and euro', () => {
    expect(decodeFeedBytes(bytes('<?xml version="1.0" encoding="windows-1252"?>', [0x93, 0x51, 0x94, 0x20, 0x97, 0x20, 0x80]))).toMatch(/“Q” — €$/);
    expect(decodeFeedBytes(bytes('<?xml version="1.0" encoding="iso-8859-1"?>', [0x85]))).toMatch(/…$/);
  });

  it('falls back to UTF-8, or windows-1252 for bytes that are plainly not UTF-8', () => {
    expect(decodeFeedBytes(Uint8Array.from(Buffer.from('<a>日本</a>')))).toBe('<a>日本</a>');
    expect(decodeFeedBytes(bytes('<a>caf', [0xe9], '</a>'))).toBe('<a>café</a>');
    expect(decodeFeedBytes(bytes('<?xml version="1.0" encoding="UTF-8"?><a>caf', [0xe9], '</a>'))).toMatch(/café<\/a>$/);
    // Mostly UTF-8 with one bad byte stays UTF-8.
    expect(decodeFeedBytes(Uint8Array.from([...Buffer.from('<a>é'), 0xff, ...Buffer.from('</a>')]))).toBe('<a>é\uFFFD</a>');
  });

  it('ignores an unknown label and a UTF-16 declaration on ASCII-compatible bytes', () => {
    expect(decodeFeedBytes(Uint8Array.from(Buffer.from('<?xml version="1.0" encoding="x-bogus"?><a>é</a>')))).toMatch(/<a>é<\/a>$/);
    expect(decodeFeedBytes(Uint8Array.from(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><a>é</a>')))).toMatch(/<a>é<\/a>$/);
  });

  it('reads the charset parameter', () => {
    expect(charsetOf('text/xml;charset=UTF-8')).toBe('utf-8');
    expect(charsetOf('text/xml; Charset="iso-8859-1"; q=1')).toBe('iso-8859-1');
    expect(charsetOf('text/xml')).toBeNull();
    expect(charsetOf(null)).toBeNull();
  });
});
