// Marks an object the provisioning file manages (EDGESCOPE_PROVISION): its edit buttons are
// hidden, because the API refuses the change (409) and the next apply would undo it anyway.
export function ProvisionedBadge() {
  return (
    <span
      className="rounded bg-slate-600 px-2 text-xs font-semibold text-white"
      title="Managed by the provisioning file (EDGESCOPE_PROVISION): change it there and reload"
      data-testid="provisioned-badge"
    >
      From file · read-only
    </span>
  );
}
