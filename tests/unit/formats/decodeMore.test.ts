import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../../src/lib/feed/formats/decode';
import { parseFeed } from '../../../src/lib/feed/formats/detect';
import { FeedParseError } from '../../../src/lib/feed/formats/types';

const utf16 = (text: string, bigEndian = false) => {
  const buffer = Buffer.from(text, 'utf16le');
  return Uint8Array.from(bigEndian ? buffer.swap16() : buffer);
};
const withDeclaration = (encoding: string, body: number[]) =>
  Uint8Array.from([...Buffer.from(`<?xml version="1.0" encoding="${encoding}"?><a>`, 'latin1'), ...body, ...Buffer.from('</a>', 'latin1')]);

describe('UTF-16 without a byte-order mark', () => {
  const feed = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Sixteen', items: [{ id: '1', title: 'Café ünïcode' }] });

  it('is decoded, little- or big-endian, whatever the document starts with', () => {
    expect(decodeFeedBytes(utf16(feed))).toBe(feed);
    expect(decodeFeedBytes(utf16(feed, true))).toBe(feed);
    expect(decodeFeedBytes(utf16('<rss version="2.0"><channel><title>é</title></channel></rss>', true))).toMatch(/<title>é<\/title>/);
  });

  it('is read as text, so plain text is "not a feed", not "binary data"', () => {
    const text = decodeFeedBytes(utf16('Just some text, not a feed.'));
    expect(text).toBe('Just some text, not a feed.');
    expect(() => parseFeed(text)).toThrow(FeedParseError);
    expect(() => parseFeed(text)).toThrow(/^Not a feed: .*Just some text/);
  });

  it('leaves binary data with scattered NULs alone', () => {
    const binary = Uint8Array.from({ length: 1024 }, (_, i) => (i % 3 === 0 ? 0 : (i * 37) % 256));
    expect(decodeFeedBytes(binary).charCodeAt(0)).toBe(0); // not taken for UTF-16
    expect(() => parseFeed(decodeFeedBytes(binary))).toThrow(/binary data/);
  });
});

describe('declared encodings decode through TextDecoder', () => {
  it.each([
    ['Shift_JIS', [0x93, 0xfa, 0x96, 0x7b], '日本'],
    ['EUC-JP', [0xc6, 0xfc, 0xcb, 0xdc], '日本'],
    ['ISO-8859-2', [0xb1, 0xe6], 'ąć'],
    ['ISO-8859-7', [0xe1, 0xe2], 'αβ'],
    ['ISO-8859-15', [0xa4], '€'],
    ['KOI8-R', [0xc1, 0xc2], 'аб'],
    ['GBK', [0xd6, 0xd0], '中'],
  ])('%s in the XML declaration', (encoding, body, expected) => {
    expect(decodeFeedBytes(withDeclaration(encoding, body))).toMatch(new RegExp(`<a>${expected}</a>$`));
  });

  it('and in the HTTP charset', () => {
    expect(decodeFeedBytes(Uint8Array.from([0xc6, 0xfc]), 'text/xml; charset=euc-jp')).toBe('日');
  });
});
