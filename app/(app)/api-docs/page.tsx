import { ApiReference } from "@/components/api-docs/ApiReference";
import { getApiDescription } from "@/lib/server/openapi/api-description";

// The API reference, generated from the same document as /api/openapi.json (viewer, like the layout).
export default function ApiDocsPage() {
  return <ApiReference doc={getApiDescription()} />;
}
