import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPersisted, persistenceState, requestPersistence, storageEstimate } from '../../../src/lib/offline/estimate';

afterEach(() => {
  vi.unstubAllGlobals();
});

const stubStorage = (storage: Partial<StorageManager> | undefined) => vi.stubGlobal('navigator', { storage });

describe('storage wrappers', () => {
  it('reports usage, quota and what is left', async () => {
    stubStorage({ estimate: async () => ({ usage: 300, quota: 1000 }) });
    expect(await storageEstimate()).toEqual({ usage: 300, quota: 1000, available: 700 });
  });

  it('fills in missing numbers and never reports negative space', async () => {
    stubStorage({ estimate: async () => ({ usage: 1200 }) });
    expect(await storageEstimate()).toEqual({ usage: 1200, quota: 0, available: 0 });
  });

  it('returns null / unsupported / false without the Storage API', async () => {
    stubStorage(undefined);
    expect(await storageEstimate()).toBeNull();
    expect(await requestPersistence()).toBe('unsupported');
    expect(await isPersisted()).toBe(false);
    vi.stubGlobal('navigator', undefined);
    expect(await storageEstimate()).toBeNull();
    expect(await requestPersistence()).toBe('unsupported');
  });

  it('maps persist() answers and rejections', async () => {
    stubStorage({ persist: async () => true, persisted: async () => true });
    expect(await requestPersistence()).toBe('granted');
    expect(await isPersisted()).toBe(true);
    stubStorage({ persist: async () => false, persisted: async () => false });
    expect(await requestPersistence()).toBe('denied');
    expect(await isPersisted()).toBe(false);
    stubStorage({ persist: () => Promise.reject(new Error('nope')), estimate: () => Promise.reject(new Error('nope')) });
    expect(await requestPersistence()).toBe('denied');
    expect(await storageEstimate()).toBeNull();
  });

  it('tells granted, not granted and unsupported apart before asking', async () => {
    stubStorage({ persist: async () => true, persisted: async () => true });
    expect(await persistenceState()).toBe('granted');
    stubStorage({ persist: async () => true, persisted: async () => false });
    expect(await persistenceState()).toBe('not-granted');
    stubStorage({ estimate: async () => ({ usage: 1, quota: 2 }) });
    expect(await persistenceState()).toBe('unsupported');
    stubStorage(undefined);
    expect(await persistenceState()).toBe('unsupported');
  });
});
