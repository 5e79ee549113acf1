// A process of its own that typesets books for the build (src/pdf/typeset-processes.ts): it takes
// one book at a time from its parent and answers with the PDF, or with why it could not be made.
import { serveHelperProcess } from "../processes/helper-process.js";
import { createTypesetter } from "./typeset.js";
import type { TypesetJob } from "./typeset-processes.js";

const typesetter = await createTypesetter();
serveHelperProcess((job: TypesetJob) => typesetter.typeset(job.data, job.images));
