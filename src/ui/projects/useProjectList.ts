import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { db } from '../../store/db';
import { summarise, type ProjectSummary } from '../../store/projects';

/**
 * The stored projects, newest first, kept live (Dexie's liveQuery also sees other tabs' writes).
 * null until the first read; `error` when IndexedDB cannot be read at all.
 */
export function useProjectList(): { list: ProjectSummary[] | null; error: unknown } {
  const [list, setList] = useState<ProjectSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const sub = liveQuery(() => db().projects.orderBy('updatedAt').reverse().toArray()).subscribe({
      next: (rows) => {
        setList(rows.map(summarise));
        setError(null);
      },
      error: (e) => setError(e),
    });
    return () => sub.unsubscribe();
  }, []);
  return { list, error };
}
