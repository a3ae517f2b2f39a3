// Starts the Web Worker (src/worker.rs). The page opens it as
// `fazhi-worker_loader.js?v=<build>`; the same query goes on the wasm-bindgen glue and the
// wasm, whose names Trunk cannot hash (the page must know them), so a new deployment is
// never served a cached worker of the last one.
importScripts('./fazhi-worker.js' + self.location.search);
wasm_bindgen({ module_or_path: './fazhi-worker_bg.wasm' + self.location.search });
