/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AuditTrail($entityType: String!, $entityId: ID!) {\n  auditTrail(entityType: $entityType, entityId: $entityId) {\n    id\n    at\n    operation\n    entityType\n    entityId\n    before\n    after\n    actor {\n      id\n      name\n      email\n    }\n  }\n}": typeof types.AuditTrailDocument,
    "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    user {\n      id\n      email\n      name\n      roles\n    }\n  }\n}\n\nmutation Logout {\n  logout\n}\n\nquery Me {\n  me {\n    id\n    email\n    name\n    roles\n    memberships {\n      groupId\n      groupName\n      role\n    }\n  }\n}": typeof types.LoginDocument,
    "query Users {\n  users {\n    id\n    email\n    name\n    roles\n    active\n    version\n    memberships {\n      groupId\n      groupName\n      role\n    }\n  }\n}\n\nmutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    id\n    email\n    name\n    roles\n    active\n    version\n  }\n}\n\nmutation UpdateUserRoles($id: ID!, $version: Int!, $roles: [Role!]!) {\n  updateUserRoles(id: $id, version: $version, roles: $roles) {\n    id\n    roles\n    version\n  }\n}": typeof types.UsersDocument,
    "mutation AdminCreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    id\n    email\n    name\n    roles\n  }\n}": typeof types.AdminCreateUserDocument,
};
const documents: Documents = {
    "query AuditTrail($entityType: String!, $entityId: ID!) {\n  auditTrail(entityType: $entityType, entityId: $entityId) {\n    id\n    at\n    operation\n    entityType\n    entityId\n    before\n    after\n    actor {\n      id\n      name\n      email\n    }\n  }\n}": types.AuditTrailDocument,
    "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    user {\n      id\n      email\n      name\n      roles\n    }\n  }\n}\n\nmutation Logout {\n  logout\n}\n\nquery Me {\n  me {\n    id\n    email\n    name\n    roles\n    memberships {\n      groupId\n      groupName\n      role\n    }\n  }\n}": types.LoginDocument,
    "query Users {\n  users {\n    id\n    email\n    name\n    roles\n    active\n    version\n    memberships {\n      groupId\n      groupName\n      role\n    }\n  }\n}\n\nmutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    id\n    email\n    name\n    roles\n    active\n    version\n  }\n}\n\nmutation UpdateUserRoles($id: ID!, $version: Int!, $roles: [Role!]!) {\n  updateUserRoles(id: $id, version: $version, roles: $roles) {\n    id\n    roles\n    version\n  }\n}": types.UsersDocument,
    "mutation AdminCreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    id\n    email\n    name\n    roles\n  }\n}": types.AdminCreateUserDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditTrail($entityType: String!, $entityId: ID!) {\n  auditTrail(entityType: $entityType, entityId: $entityId) {\n    id\n    at\n    operation\n    entityType\n    entityId\n    before\n    after\n    actor {\n      id\n      name\n      email\n    }\n  }\n}"): (typeof documents)["query AuditTrail($entityType: String!, $entityId: ID!) {\n  auditTrail(entityType: $entityType, entityId: $entityId) {\n    id\n    at\n    operation\n    entityType\n    entityId\n    before\n    after\n    actor {\n      id\n      name\n      email\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    user {\n      id\n      email\n      name\n      roles\n    }\n  }\n}\n\nmutation Logout {\n  logout\n}\n\nquery Me {\n  me {\n    id\n    email\n    name\n    roles\n    memberships {\n      groupId\n      groupName\n      role\n    }\n  }\n}"): (typeof documents)["mutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    user {\n      id\n      email\n      name\n      roles\n    }\n  }\n}\n\nmutation Logout {\n  logout\n}\n\nquery Me {\n  me {\n    id\n    email\n    name\n    roles\n    memberships {\n      groupId\n      groupName\n      role\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Users {\n  users {\n    id\n    email\n    name\n    roles\n    active\n    version\n    memberships {\n      groupId\n      groupName\n      role\n    }\n  }\n}\n\nmutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    id\n    email\n    name\n    roles\n    active\n    version\n  }\n}\n\nmutation UpdateUserRoles($id: ID!, $version: Int!, $roles: [Role!]!) {\n  updateUserRoles(id: $id, version: $version, roles: $roles) {\n    id\n    roles\n    version\n  }\n}"): (typeof documents)["query Users {\n  users {\n    id\n    email\n    name\n    roles\n    active\n    version\n    memberships {\n      groupId\n      groupName\n      role\n    }\n  }\n}\n\nmutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    id\n    email\n    name\n    roles\n    active\n    version\n  }\n}\n\nmutation UpdateUserRoles($id: ID!, $version: Int!, $roles: [Role!]!) {\n  updateUserRoles(id: $id, version: $version, roles: $roles) {\n    id\n    roles\n    version\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminCreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    id\n    email\n    name\n    roles\n  }\n}"): (typeof documents)["mutation AdminCreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    id\n    email\n    name\n    roles\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;