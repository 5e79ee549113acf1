// A process of its own that typesets books for the build (src/pdf/typeset-processes.ts): it takes
// one book at a time from its parent and answers with the PDF, or with why it could not be made.
import { createTypesetter } from "./typeset.js";
import type { TypesetReply, TypesetRequest } from "./typeset-processes.js";

const typesetter = await createTypesetter();
const reply = (message: TypesetReply) => process.send?.(message);

process.on("message", (request: TypesetRequest) => {
  try {
    reply({ id: request.id, pdf: typesetter.typeset(request.data, request.images) });
  } catch (error) {
    reply({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
reply({ ready: true });
