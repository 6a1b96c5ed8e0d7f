import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";

/**
 * A labelled form control with its validation message right beside it. The label names the
 * control; hint and error are tied to it with aria-describedby, so screen readers read both.
 */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: ReactNode;
  children: ReactElement<Record<string, unknown>>;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        "aria-describedby": hint || error ? noteId : undefined,
        "aria-invalid": error ? true : undefined,
      })
    : children;
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <div className="mt-1">{control}</div>
      {error ? (
        <span id={noteId} role="alert" className="block text-sm text-red-500">
          {error}
        </span>
      ) : (
        hint && (
          <span id={noteId} className="block text-xs text-slate-500">
            {hint}
          </span>
        )
      )}
    </div>
  );
}

export const inputClass =
  "w-full rounded border border-slate-400 bg-transparent px-3 py-2 aria-[invalid=true]:border-red-500";
