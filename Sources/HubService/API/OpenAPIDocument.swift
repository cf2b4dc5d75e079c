/// The API's description, served at `/api/v1/openapi.json` and checked against the API's answers
/// by the tests (paths, methods, status codes, the top-level shape of every JSON body).
enum OpenAPIDocument {
    static let json = """
    {
      "openapi": "3.1.0",
      "info": {
        "title": "High Needs Hub API",
        "version": "1",
        "description": "Indicators, comparisons, returns, validation findings and uploads of a High Needs Hub, for the caller's role: an LA analyst sees its own LA's returns and findings and its own figures unsuppressed, other LAs under disclosure control (counts of 1-4 and rates built on them are null with suppressed: true); a group viewer sees its group's figures under disclosure control; the admin sees everything. See docs/service.md."
      },
      "servers": [{"url": "/"}],
      "security": [{"bearerAuth": []}, {"sessionCookie": []}],
      "paths": {
        "/api/v1/openapi.json": {
          "get": {"summary": "This document", "security": [], "responses": {"200": {"description": "The OpenAPI document", "content": {"application/json": {"schema": {"type": "object", "required": ["openapi", "info", "paths"]}}}}}}
        },
        "/api/v1/me": {
          "get": {"summary": "Who the token or session belongs to", "responses": {
            "200": {"description": "The account", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Me"}}}},
            "401": {"$ref": "#/components/responses/Unauthorized"}}}
        },
        "/api/v1/indicators": {
          "get": {"summary": "Indicator values with numerators and denominators, under disclosure control for the caller",
            "parameters": [
              {"name": "la", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{3}$"}, "description": "One LA (3-digit code)"},
              {"name": "own", "in": "query", "schema": {"type": "string", "enum": ["1", "true"]}, "description": "With la: that LA's own view, unsuppressed (its own users and the admin only)"},
              {"name": "group", "in": "query", "schema": {"type": "string"}, "description": "A group of the hub's config: its members and total"},
              {"name": "period", "in": "query", "schema": {"type": "string"}, "description": "e.g. 2024/25 or 2024; default the latest of each indicator"},
              {"name": "indicator", "in": "query", "schema": {"type": "string"}, "description": "Indicator id (repeatable)"}],
            "responses": {
              "200": {"description": "Values and totals", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Indicators"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/NotComparable"}}}
        },
        "/api/v1/compare": {
          "get": {"summary": "Where one LA stands against its peers, region and England (hnhub compare)",
            "parameters": [
              {"name": "la", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{3}$"}},
              {"name": "peers", "in": "query", "schema": {"type": "string"}, "description": "neighbours (default), region, england or group:NAME"},
              {"name": "period", "in": "query", "schema": {"type": "string"}},
              {"name": "own", "in": "query", "schema": {"type": "string", "enum": ["1", "true"]}}],
            "responses": {
              "200": {"description": "One line per indicator", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Compare"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/NotComparable"}}}
        },
        "/api/v1/forecast": {
          "get": {"summary": "The EHCP caseload forecast (hnhub forecast): central, best and worst cases with 80% and 95% intervals, for LAs opted in to forecasting; an LA's own view unsuppressed, others under the forecast's disclosure rule (null values where hidden)",
            "parameters": [
              {"name": "la", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{3}$"}, "description": "One LA; an analyst's default is its own LA in the own view"},
              {"name": "own", "in": "query", "schema": {"type": "string", "enum": ["1", "true"]}, "description": "With la: that LA's own view (its own users and the admin only)"},
              {"name": "group", "in": "query", "schema": {"type": "string"}, "description": "A group of the config: its members and the group's sum; a group viewer's default"}],
            "responses": {
              "200": {"description": "Forecast rows", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Forecast"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/NotComparable"}}}
        },
        "/api/v1/scope": {
          "get": {"summary": "Scope a shared centre for a group (hnhub scope-centre --format json): the cohort, eligibility, each capacity's fill and money year by year, sensitivity, assumptions and coverage, for LAs opted in to centre scoping; an LA's own view unsuppressed, others under disclosure control (c where hidden)",
            "parameters": [
              {"name": "group", "in": "query", "schema": {"type": "string"}, "description": "A group of the config (a viewer's default: its group; an analyst's: the first group of its LA)"},
              {"name": "needs", "in": "query", "required": true, "schema": {"type": "string"}, "description": "SEN2 need codes, e.g. ASD,SEMH"},
              {"name": "any_rank", "in": "query", "schema": {"type": "string", "enum": ["1", "true"]}, "description": "Needs at any rank, not only the primary need"},
              {"name": "ages", "in": "query", "schema": {"type": "string"}, "description": "Ages on the 31 August before the census, e.g. 11-16 (default 4-15)"},
              {"name": "from_settings", "in": "query", "schema": {"type": "string"}, "description": "Settings a centre takes children from, e.g. independent,out-of-area (the default)"},
              {"name": "site", "in": "query", "required": true, "schema": {"type": "string"}, "description": "A URN of the register, or EASTING,NORTHING in metres"},
              {"name": "max_km", "in": "query", "schema": {"type": "string"}, "description": "Distance limit from home to the site in km (default 30)"},
              {"name": "capacity", "in": "query", "schema": {"type": "string"}, "description": "Places of each option, e.g. 24,40,60"},
              {"name": "conversion", "in": "query", "schema": {"type": "string"}, "description": "Shares of eligible children taking a place, e.g. 0.3,0.5,0.7"},
              {"name": "la", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{3}$"}, "description": "With own: the member LA whose own view it is (its own users and the admin only)"},
              {"name": "own", "in": "query", "schema": {"type": "string", "enum": ["1", "true", "0", "false"]}, "description": "An analyst's default is its own LA's own view; 0 asks the shared view"}],
            "responses": {
              "200": {"description": "The scope", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Scope"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/NotComparable"}}}
        },
        "/api/v1/returns": {
          "get": {"summary": "Imported returns, current and replaced: the caller's LA (analysts) or every import (admin)",
            "parameters": [{"name": "la", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{3}$"}}],
            "responses": {
              "200": {"description": "The imports", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Returns"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}
        },
        "/api/v1/returns/{id}/findings": {
          "get": {"summary": "An import's validation findings by rule, with person and line, and its quarantined persons (person-level: the import's LA and the admin only)",
            "parameters": [
              {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 1000}, "description": "Findings per rule"}],
            "responses": {
              "200": {"description": "The findings", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Findings"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}
        },
        "/api/v1/uploads": {
          "post": {"summary": "Upload a return (the file's bytes as the body); it is imported in the background",
            "parameters": [{"name": "name", "in": "query", "schema": {"type": "string"}, "description": "The file's name, e.g. 801_2025.xml"}],
            "requestBody": {"required": true, "content": {"application/xml": {"schema": {"type": "string", "format": "binary"}},
              "application/gzip": {"schema": {"type": "string", "format": "binary"}},
              "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
            "responses": {
              "202": {"description": "Queued for import; follow Location", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Upload"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"}, "413": {"$ref": "#/components/responses/Problem"},
              "415": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/uploads/{id}": {
          "get": {"summary": "An upload's state: queued, importing (with progress), imported, unchanged, rejected or failed",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
            "responses": {
              "200": {"description": "The upload", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Upload"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}
        }
      },
      "components": {
        "securitySchemes": {
          "bearerAuth": {"type": "http", "scheme": "bearer", "description": "An API token (hnhub_...) made on the Account page"},
          "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "__Host-hnhub-session", "description": "A browser session; requests that change something also need the X-CSRF-Token header"}
        },
        "responses": {
          "Problem": {"description": "RFC 9457 problem details", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "BadRequest": {"description": "A malformed parameter (field names it when the parameter is one of a form's)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "Unauthorized": {"description": "No valid token or session", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "Forbidden": {"description": "The caller's role does not allow it (also an import or upload id that does not exist, for anyone but the admin; and an LA not opted in to the purpose)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "NotComparable": {"description": "The current returns behind these figures were kept at different levels of minimisation (docs/governance.md): the figures are not comparable until the operator puts them on one level", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "NotFound": {"description": "No such LA, group, import or upload (a group the config lacks is 403 for anyone but the admin when scoping)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        },
        "schemas": {
          "Problem": {"type": "object", "required": ["type", "title", "status", "detail"], "properties": {
            "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}, "instance": {"type": "string"},
            "field": {"type": "string", "description": "The parameter at fault, when one is"}}},
          "Me": {"type": "object", "required": ["username", "role", "la_code", "group"], "properties": {
            "username": {"type": "string"}, "role": {"type": "string", "enum": ["admin", "analyst", "group-viewer"]},
            "la_code": {"type": ["string", "null"]}, "group": {"type": ["string", "null"]}}},
          "Indicators": {"type": "object", "required": ["scope", "own_la", "values", "totals", "left_out", "purpose_notice"], "properties": {
            "scope": {"type": "string"}, "own_la": {"type": ["string", "null"]},
            "left_out": {"type": "array", "items": {"type": "string"}, "description": "Member LAs not opted in to benchmarking, left out of every figure and total"},
            "purpose_notice": {"type": ["string", "null"], "description": "The sentence saying who is left out; null when nobody is"},
            "values": {"type": "array", "items": {"type": "object", "required": ["indicator", "period", "la_code", "value", "numerator", "denominator", "suppressed"]}},
            "totals": {"type": "array", "items": {"type": "object", "required": ["indicator", "period", "name", "value", "numerator", "la_count", "suppressed"]}}}},
          "Compare": {"type": "object", "required": ["la_code", "own_view", "peers", "lines", "left_out", "purpose_notice"], "properties": {
            "la_code": {"type": "string"}, "own_view": {"type": "boolean"}, "peers": {"type": "string"},
            "left_out": {"type": "array", "items": {"type": "string"}}, "purpose_notice": {"type": ["string", "null"]},
            "lines": {"type": "array", "items": {"type": "object", "required": ["indicator", "period", "la", "rank", "peers", "region", "england"]}}}},
          "Forecast": {"type": "object", "required": ["scope", "own_la", "rows", "accuracy", "skipped", "left_out", "purpose_notice"], "properties": {
            "scope": {"type": "string"}, "own_la": {"type": ["string", "null"]}, "accuracy": {"type": "string"},
            "skipped": {"type": "array", "items": {"type": "string"}},
            "left_out": {"type": "array", "items": {"type": "string"}, "description": "Member LAs not opted in to forecasting"},
            "purpose_notice": {"type": ["string", "null"]},
            "rows": {"type": "array", "items": {"type": "object", "required": ["la_code", "period", "measure", "case", "value"]}}}},
          "Scope": {"type": "object", "required": ["group", "census", "site", "audience", "cohort", "year_groups", "cells", "options", "sensitivity", "assumptions", "coverage", "own_la", "left_out", "purpose_notice"], "properties": {
            "group": {"type": "string"}, "census": {"type": "string"}, "site": {"type": "string"},
            "audience": {"type": "string", "description": "shared, or own:LA"}, "own_la": {"type": ["string", "null"]},
            "cohort": {"type": "array", "items": {"type": "object", "required": ["la", "children_in_scope"]}},
            "year_groups": {"type": "array"}, "cells": {"type": "array"}, "sensitivity": {"type": "array"}, "coverage": {"type": "array"},
            "options": {"type": "array", "items": {"type": "object", "required": ["capacity", "years", "break_even_year", "places_by_la"]}},
            "assumptions": {"type": "array", "items": {"type": "object", "required": ["name", "value", "source", "default"]}},
            "service": {"type": "array"},
            "left_out": {"type": "array", "items": {"type": "string"}, "description": "Member LAs not opted in to centre scoping"},
            "purpose_notice": {"type": ["string", "null"]}}},
          "Returns": {"type": "object", "required": ["returns"], "properties": {
            "returns": {"type": "array", "items": {"type": "object", "required": ["import_id", "dataset", "la_code", "collection_year", "records", "quarantined", "errors", "warnings", "current"]}}}},
          "Findings": {"type": "object", "required": ["import", "rules", "quarantined"], "properties": {
            "import": {"type": "object", "required": ["import_id", "dataset", "records", "quarantined"]},
            "rules": {"type": "array", "items": {"type": "object", "required": ["rule", "severity", "count", "findings"]}},
            "quarantined": {"type": "array", "items": {"type": "object", "required": ["person", "line", "rules"]}}}},
          "Upload": {"type": "object", "required": ["upload"], "properties": {
            "upload": {"type": "object", "required": ["id", "file_name", "bytes", "state", "la_code", "import_id", "message", "created_at"], "properties": {
              "state": {"type": "string", "enum": ["queued", "importing", "imported", "unchanged", "rejected", "failed"]}}}}}
        }
      }
    }
    """
}
