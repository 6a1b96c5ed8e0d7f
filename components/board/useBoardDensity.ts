"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useSyncExternalStore } from "react";
import { DENSITY_PARAM, resolveDensity, type Density } from "@/lib/domain/board-view";

// The board's density: ?density= in the URL (a kiosk's address) wins, else the choice this browser
// remembers (localStorage), else comfortable. Choosing with the switch remembers it and, when the
// address names a density, rewrites it too so the address never contradicts the screen.

const KEY = "edgescope-board-density";
const listeners = new Set<() => void>();
/** Private mode can refuse storage: the choice then lasts while the page is open. */
let unsaved: string | null = null;

function read(): string | null {
  try {
    return localStorage.getItem(KEY) ?? unsaved;
  } catch {
    return unsaved;
  }
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener("storage", onChange); // another tab switched
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

export function useBoardDensity(): [Density, (d: Density) => void] {
  const params = useSearchParams();
  // The server has no storage: it renders the URL's density (or comfortable), the browser then its own.
  const stored = useSyncExternalStore(subscribe, read, () => null);
  const fromUrl = params.get(DENSITY_PARAM);
  const choose = useCallback(
    (d: Density) => {
      unsaved = d;
      try {
        localStorage.setItem(KEY, d);
      } catch {
        /* kept in `unsaved` */
      }
      if (fromUrl !== null) {
        const next = new URLSearchParams(params);
        next.set(DENSITY_PARAM, d);
        window.history.replaceState(null, "", `?${next}`);
      }
      for (const l of listeners) l();
    },
    [fromUrl, params],
  );
  return [resolveDensity(fromUrl, stored), choose];
}
