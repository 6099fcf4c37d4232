/**
 * The part of k6-operator's TestRun CRD (`k6.io_testruns.yaml`,
 * `spec.versions[v1alpha1].schema.openAPIV3Schema`) that harness's manifest
 * uses, re-typed from the CRD: the fields, types and required keys as the
 * CRD declares them. The test also checks against the CRD itself where a
 * copy is at hand (K6_OPERATOR_CRD, or a fetched k6-operator repository).
 */
import type { OpenApiSchema } from './openapi-check.test-kit.ts';

const str: OpenApiSchema = { type: 'string' };
const bool: OpenApiSchema = { type: 'boolean' };

const envVar: OpenApiSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: str,
    value: str,
    valueFrom: {
      type: 'object',
      properties: {
        fieldRef: {
          type: 'object',
          required: ['fieldPath'],
          properties: { apiVersion: str, fieldPath: str },
        },
        configMapKeyRef: {
          type: 'object',
          required: ['key'],
          properties: { key: str, name: str, optional: bool },
        },
        secretKeyRef: {
          type: 'object',
          required: ['key'],
          properties: { key: str, name: str, optional: bool },
        },
      },
    },
  },
};

const pod: OpenApiSchema = {
  type: 'object',
  properties: {
    image: str,
    imagePullPolicy: str,
    serviceAccountName: str,
    env: { type: 'array', items: envVar },
    volumes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        properties: {
          name: str,
          persistentVolumeClaim: {
            type: 'object',
            required: ['claimName'],
            properties: { claimName: str, readOnly: bool },
          },
          emptyDir: {
            type: 'object',
            properties: { medium: str, sizeLimit: { 'x-kubernetes-int-or-string': true } },
          },
        },
      },
    },
    volumeMounts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['mountPath', 'name'],
        properties: { mountPath: str, name: str, readOnly: bool, subPath: str, subPathExpr: str },
      },
    },
    nodeSelector: { type: 'object', additionalProperties: str },
    metadata: {
      type: 'object',
      properties: {
        annotations: { type: 'object', additionalProperties: str },
        labels: { type: 'object', additionalProperties: str },
      },
    },
  },
};

export const TESTRUN_SCHEMA: OpenApiSchema = {
  type: 'object',
  properties: {
    apiVersion: str,
    kind: str,
    metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    spec: {
      type: 'object',
      required: ['parallelism', 'script'],
      properties: {
        parallelism: { type: 'integer', format: 'int32' },
        separate: bool,
        arguments: str,
        args: { type: 'array', items: str },
        quiet: str,
        paused: str,
        cleanup: { type: 'string', enum: ['post'] },
        script: {
          type: 'object',
          properties: {
            configMap: { type: 'object', required: ['name'], properties: { name: str, file: str } },
            volumeClaim: {
              type: 'object',
              required: ['name'],
              properties: { name: str, file: str, readOnly: bool },
            },
            localFile: str,
          },
        },
        runner: pod,
        starter: pod,
        initializer: pod,
      },
    },
  },
};
