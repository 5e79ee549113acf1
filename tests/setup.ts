// Eleventy imports .eleventy.ts itself; tsx's loader lets it, as it does under `npm run build`.
import { register } from "tsx/esm/api";

register();
