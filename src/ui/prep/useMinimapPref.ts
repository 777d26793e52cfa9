import { useState } from 'react';

/** Whether the minimap is shown, remembered per browser. */
const MINIMAP_KEY = 'waymark.prep.minimap';

export function useMinimapPref(): [boolean, (on: boolean) => void] {
  const [minimap, setMinimap] = useState(() => {
    try {
      return localStorage.getItem(MINIMAP_KEY) !== 'off';
    } catch {
      return true;
    }
  });
  const toggle = (on: boolean) => {
    setMinimap(on);
    try {
      localStorage.setItem(MINIMAP_KEY, on ? 'on' : 'off');
    } catch {
      /* storage blocked */
    }
  };
  return [minimap, toggle];
}
