// IndexedDB adapter: one database, a few object stores, promise-based get/put/delete/list.

/** The object stores and what each holds. Add a store by adding it here and bumping DB_VERSION. */
export const STORES = {
  /** Small key-value records: the architecture being edited, settings, UI preferences. */
  state: 'state',
  /** Trained weights, keyed by model id ('current' for the autosaved one). */
  weights: 'weights',
  /** The run history, one record per run, keyed by run id. */
  runs: 'runs',
  /** Named models the learner saved, keyed by id. */
  models: 'models',
} as const;
export type StoreName = (typeof STORES)[keyof typeof STORES];

const DB_NAME = 'cnn-playground';
const DB_VERSION = 1;

/** A storage failure in words a learner understands (quota, private mode, blocked upgrade). */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly quota: boolean,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/**
 * A disk that fills before the browser's quota does reports an I/O failure, not a quota error
 * (Chromium: UnknownError "Failed to write blobs (IOError)"); to the learner it is the same.
 */
function outOfSpace(error: DOMException | null): boolean {
  if (!error) return false;
  return error.name === 'QuotaExceededError' || /failed to write|IOError|disk is full|no space/i.test(error.message);
}

function explain(error: DOMException | null, doing: string): StorageError {
  if (outOfSpace(error)) {
    return new StorageError(`The browser's storage is full, so ${doing} failed. Delete saved models you no longer need, then try again.`, true);
  }
  return new StorageError(`${doing[0]!.toUpperCase()}${doing.slice(1)} failed: ${error?.message ?? 'the browser refused to store data'}.`, false);
}

let opening: Promise<IDBDatabase> | null = null;

/** The open database (opened once, on first use). */
export function openDb(): Promise<IDBDatabase> {
  if (opening) return opening;
  opening = new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new StorageError('This browser has no IndexedDB, so nothing can be saved.', false));
      return;
    }
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const name of Object.values(STORES)) {
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema: let it, and reopen next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(explain(request.error, 'opening the saved data'));
    request.onblocked = () => reject(new StorageError('Another tab of CNN Playground is blocking its storage; close it and reload.', false));
  });
  opening.catch(() => {
    opening = null;
  });
  return opening;
}

async function transact<T>(store: StoreName, mode: IDBTransactionMode, doing: string, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  return new Promise<T>((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(store, mode);
    } catch (e) {
      reject(explain(e instanceof DOMException ? e : null, doing));
      return;
    }
    const request = op(tx.objectStore(store));
    // Resolve on commit, not on request success: a write is only safe once the transaction commits.
    tx.oncomplete = () => resolve(request.result);
    tx.onabort = () => reject(explain(tx.error ?? request.error, doing));
    tx.onerror = () => reject(explain(tx.error ?? request.error, doing));
  });
}

export function dbGet<T>(store: StoreName, key: IDBValidKey): Promise<T | undefined> {
  return transact(store, 'readonly', `reading ${store}`, (s) => s.get(key) as IDBRequest<T | undefined>);
}

export async function dbPut<T>(store: StoreName, key: IDBValidKey, value: T): Promise<void> {
  await transact(store, 'readwrite', `saving ${store}`, (s) => s.put(value, key));
}

export async function dbDelete(store: StoreName, key: IDBValidKey): Promise<void> {
  await transact(store, 'readwrite', `deleting from ${store}`, (s) => s.delete(key));
}

/** Every record of a store, in key order. */
export function dbAll<T>(store: StoreName): Promise<T[]> {
  return transact(store, 'readonly', `reading ${store}`, (s) => s.getAll() as IDBRequest<T[]>);
}

export function dbKeys(store: StoreName): Promise<IDBValidKey[]> {
  return transact(store, 'readonly', `reading ${store}`, (s) => s.getAllKeys());
}
