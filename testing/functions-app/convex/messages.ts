import { query } from "./_generated/server";

/** Lists the stored messages (test app for provision's functions step). */
export const list = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db.query("messages").collect();
  },
});
