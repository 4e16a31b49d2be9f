// Lists /openapi.json as readable HTML; everything is inserted as text, never as HTML.
"use strict";

(function () {
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function refName(schema) {
    if (!schema) return "";
    if (schema.$ref) return schema.$ref.split("/").pop();
    if (schema.type === "array") return "array of " + refName(schema.items);
    return schema.type || "object";
  }

  function endpoint(path, method, op) {
    const box = el("section", undefined, "endpoint");
    const head = el("h3");
    head.appendChild(el("span", method.toUpperCase(), "method " + method));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("code", path));
    box.appendChild(head);
    if (op.summary) box.appendChild(el("p", op.summary));
    if (op.description) box.appendChild(el("p", op.description));
    const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
    if (body) box.appendChild(el("p", "Request body (JSON): " + refName(body.schema)));
    const list = el("ul");
    Object.entries(op.responses || {}).forEach(([code, response]) => {
      const json = response.content && response.content["application/json"];
      const kind = json ? " — " + refName(json.schema) : "";
      list.appendChild(el("li", code + ": " + (response.description || "") + kind));
    });
    box.appendChild(list);
    return box;
  }

  async function main() {
    const target = document.getElementById("endpoints");
    try {
      const spec = await (await fetch("/openapi.json")).json();
      document.getElementById("api-title").textContent = spec.info.title + " " + spec.info.version;
      document.getElementById("intro").textContent = spec.info.description || "";
      target.textContent = "";
      Object.entries(spec.paths).forEach(([path, methods]) => {
        Object.entries(methods).forEach(([method, op]) => target.appendChild(endpoint(path, method, op)));
      });
      const schemas = document.getElementById("schemas");
      Object.entries((spec.components || {}).schemas || {}).forEach(([name, schema]) => {
        schemas.appendChild(el("h3", name));
        schemas.appendChild(el("pre", JSON.stringify(schema, null, 2)));
      });
    } catch (e) {
      target.textContent = "Could not load /openapi.json.";
    }
  }

  main();
})();
