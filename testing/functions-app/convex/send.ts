import { mutation } from "./_generated/server";
import { v } from "convex/values";

/** Stores one message (test app for provision's functions step). */
export const send = mutation({
  args: { body: v.string() },
  handler: async (ctx, args) => {
    await ctx.db.insert("messages", { body: args.body });
  },
});
