import { Board } from "@/components/board/Board";

export default function BoardPage() {
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Deployments</h1>
      <Board />
    </>
  );
}
