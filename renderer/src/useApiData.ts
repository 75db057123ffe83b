import { useCallback, useEffect, useState } from 'react';
import { App as AntApp } from 'antd';
import { showError } from './errors';

/**
 * Load data from the API when `deps` change; failures become a toast.
 * Returns the data (`null` while loading or after a failure) and a reload function.
 */
export function useApiData<T>(load: () => Promise<T>, deps: readonly unknown[]): [T | null, () => Promise<void>, boolean] {
  const { message } = AntApp.useApp();
  const [data, setData] = useState<T | null>(null);
  const [failed, setFailed] = useState(false);
  const reload = useCallback(async () => {
    try {
      setData(await load());
      setFailed(false);
    } catch (e) {
      setFailed(true);
      showError(e, message.error);
    }
    // `load` is the caller's, new at every render: it is read again when the caller's deps change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [message, ...deps]);
  useEffect(() => {
    setData(null);
    void reload();
  }, [reload]);
  return [data, reload, failed];
}
