"use client";
import { useState, type ReactNode } from "react";
import { Card } from "./Card";

/**
 * "Add a …": a button that opens the form to add one, and the form, which closes itself when it
 * is done (saved or cancelled). On a page the form sits in its own card titled like the button;
 * `plain` is for a list already inside a card (a deployment's nodes): no card, a small button.
 */
export function AddToggle({
  label,
  plain = false,
  children,
}: {
  label: string;
  plain?: boolean;
  /** The form; call `done` to close it. */
  children: (done: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  if (open) {
    const form = children(() => setOpen(false));
    return plain ? form : <Card title={label}>{form}</Card>;
  }
  return (
    <button
      type="button"
      onClick={() => setOpen(true)}
      className={
        plain
          ? "rounded border border-slate-400 px-3 py-1 text-sm"
          : "rounded bg-sky-600 px-4 py-2 font-medium text-white"
      }
    >
      {label}
    </button>
  );
}
