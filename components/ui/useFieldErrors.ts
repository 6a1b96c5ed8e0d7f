"use client";

import { useRef, useState, type FocusEvent } from "react";
import { fieldErrors, touchedErrors, type IssueLike } from "@/lib/domain/form-errors";

type Check = { success: true } | { success: false; error: { issues: readonly IssueLike[] } };

/**
 * Field errors as a person types: a field is checked as soon as it is left (with the same zod
 * schema the API uses), and sending the form shows every field's error at once. Fields not yet
 * visited stay quiet until then, so an empty form is not red all over.
 */
export function useFieldErrors(validate: (form: HTMLFormElement) => Check) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const touched = useRef(new Set<string>());

  const onBlur = (e: FocusEvent<HTMLFormElement>) => {
    const el = e.target as unknown as HTMLInputElement;
    // Leaving a field for the form's send button: sending checks everything anyway, and an error
    // appearing now would move the button from under the pointer between press and release.
    if ((e.relatedTarget as HTMLElement | null)?.getAttribute("type") === "submit") return;
    if (!el.name || (el.type !== "checkbox" && !el.value && !touched.current.has(el.name))) return;
    touched.current.add(el.name);
    const r = validate(e.currentTarget);
    setErrors((prev) => ({
      ...touchedErrors(r.success ? {} : fieldErrors(r.error.issues), touched.current),
      ...(prev._ ? { _: prev._ } : {}),
    }));
  };

  /** On send: every field's error at once; true when the form may be sent. */
  const checkAll = (form: HTMLFormElement): boolean => {
    const r = validate(form);
    const all = r.success ? {} : fieldErrors(r.error.issues);
    for (const k of Object.keys(all)) touched.current.add(k);
    setErrors(all);
    return r.success;
  };

  return { errors, setErrors, onBlur, checkAll };
}
