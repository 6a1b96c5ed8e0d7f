import { DeploymentView } from "@/components/deployment/DeploymentView";

export default async function DeploymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DeploymentView id={id} />;
}
