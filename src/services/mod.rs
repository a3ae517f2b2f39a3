//! Browser interop. Everything that touches web APIs lives here; the rest of the app sees
//! domain values only (no `JsValue` leaves these modules).

pub mod crash;
pub mod dom;
pub mod download;
pub mod echarts;
pub mod files;
pub mod highlight;
pub mod offline;
pub mod session_store;
pub mod storage;
pub mod tip;
pub mod visibility;
pub mod worker;
pub mod worker_scope;
