import "server-only";
import type { Role } from "@/lib/domain/roles";
import { hashPassword, passwordProblem } from "@/lib/server/auth/password";
import { hashToken } from "@/lib/server/auth/sessions";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/http/app-error";

const view = {
  id: true,
  username: true,
  role: true,
  mustChangePassword: true,
  createdAt: true,
  lastLoginAt: true,
} as const;

export const listUsers = (db: Db) => db.user.findMany({ select: view, orderBy: { username: "asc" } });

export async function createUser(db: Db, input: { username: string; password: string; role: Role }) {
  if (await db.user.findUnique({ where: { username: input.username } }))
    throw new AppError(409, "conflict", `User "${input.username}" already exists`);
  try {
    return await db.user.create({
      data: { username: input.username, role: input.role, passwordHash: await hashPassword(input.password) },
      select: view,
    });
  } catch (err) {
    // Two admins adding the same name at once: the unique index decides, the loser gets 409.
    if ((err as { code?: string }).code === "P2002")
      throw new AppError(409, "conflict", `User "${input.username}" already exists`);
    throw err;
  }
}

/** Keeps at least one admin, so nobody can lock everyone out of settings and users. */
async function assertAnotherAdmin(db: Db, userId: string) {
  const admins = await db.user.count({ where: { role: "admin", id: { not: userId } } });
  if (admins === 0) throw new AppError(409, "last_admin", "This is the last admin; make another user admin first");
}

export async function updateUser(db: Db, id: string, input: { role?: Role; password?: string }) {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw notFound(`User ${id}`);
  const problem = input.password ? passwordProblem(input.password, user.username) : null;
  if (problem) throw new AppError(400, "bad_request", `password: ${problem}`);
  if (input.role && input.role !== "admin" && user.role === "admin") await assertAnotherAdmin(db, id);
  const data = {
    ...(input.role ? { role: input.role } : {}),
    // An admin-set password is temporary: the user chooses their own at next login.
    ...(input.password ? { passwordHash: await hashPassword(input.password), mustChangePassword: true } : {}),
  };
  const updated = await db.user.update({ where: { id }, data, select: view });
  if (input.password) await db.session.deleteMany({ where: { userId: id } });
  return updated;
}

export async function deleteUser(db: Db, id: string, actingUserId: string) {
  if (id === actingUserId) throw new AppError(409, "self_delete", "You cannot delete your own account");
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw notFound(`User ${id}`);
  if (user.role === "admin") await assertAnotherAdmin(db, id);
  await db.user.delete({ where: { id } });
}

/** Sets the caller's password and ends every other session of theirs (a thief's copy of a cookie included). */
export async function changeOwnPassword(db: Db, userId: string, newPassword: string, currentToken: string | undefined) {
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false } }),
    db.session.deleteMany({
      where: { userId, ...(currentToken ? { tokenHash: { not: hashToken(currentToken) } } : {}) },
    }),
  ]);
}
