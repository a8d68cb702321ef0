// Starts `gxlint --lsp` and hands it plain-text, Markdown and HTML reports and gxlint.yaml files.
// Everything else (diagnostics, hovers, quick fixes, watching configuration files) is the server's.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("gxlint");
  const serverOptions = { command: settings.get("path") || "gxlint", args: ["--lsp"] };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "plaintext" },
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "html" },
      { scheme: "file", pattern: "**/{gxlint.yaml,.gxlint.yaml}" },
    ],
    initializationOptions: { lang: settings.get("lang") || "zh" },
  };
  client = new LanguageClient("gxlint", "gxlint", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
