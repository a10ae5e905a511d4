// The generated protobuf classes of schemas/queryable/v1, set up for plain
// 64-bit numbers. Import `pb` from here, never from _generated directly.
import "./_internal/protobuf-setup";
import { queryable } from "./_generated/schema.js";

export const pb = queryable.v1;
export { queryable };
