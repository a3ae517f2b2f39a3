//! Reading files the user picked or dropped, as bytes.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::file::futures::read_as_bytes;
use wasm_bindgen::JsCast;
use yew::Callback;

use crate::state::LoadedFile;

/// Read every file of `list` (in order) and emit them all at once. A file that cannot be
/// read becomes a `LoadedFile` holding the error; the others go on.
fn read_all(list: web_sys::FileList, on_loaded: Callback<Vec<LoadedFile>>) {
    let files = gloo::file::FileList::from(list);
    if files.is_empty() {
        return;
    }
    let files: Vec<gloo::file::File> = files.iter().cloned().collect();
    wasm_bindgen_futures::spawn_local(async move {
        let mut out = Vec::with_capacity(files.len());
        for file in files {
            let bytes = read_as_bytes(&file).await.map_err(|e| e.to_string());
            out.push(LoadedFile {
                name: file.name(),
                bytes,
            });
        }
        on_loaded.emit(out);
    });
}

/// Handle the `change` event of an `<input type=file>`: read the chosen files, then clear
/// the input so that choosing the same file again fires again.
pub fn read_input(event: &web_sys::Event, on_loaded: Callback<Vec<LoadedFile>>) {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    if let Some(list) = input.files() {
        read_all(list, on_loaded);
    }
    input.set_value("");
}

fn carries_files(event: &web_sys::Event) -> bool {
    event
        .dyn_ref::<web_sys::DragEvent>()
        .and_then(web_sys::DragEvent::data_transfer)
        .is_some_and(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
}

/// Page-wide drag and drop of files. Keep the value alive as long as drops should work.
pub struct DropListener {
    _listeners: [EventListener; 4],
}

/// Listen for files dragged over and dropped anywhere on the page. Drags of anything but
/// files (text into the paste box) are left to the browser.
#[must_use]
pub fn listen_for_drops(
    on_loaded: Callback<Vec<LoadedFile>>,
    on_drag: Callback<bool>,
) -> Option<DropListener> {
    let window = web_sys::window()?;
    let target: &web_sys::EventTarget = window.as_ref();
    let opts = EventListenerOptions::enable_prevent_default();
    // dragenter/dragleave fire for every element crossed: count them to know when the drag
    // has really left the page.
    let depth = Rc::new(Cell::new(0_i32));
    let over = EventListener::new_with_options(target, "dragover", opts, move |e| {
        if carries_files(e) {
            // Needed for the drop event to fire.
            e.prevent_default();
        }
    });
    let enter = {
        let on_drag = on_drag.clone();
        let depth = Rc::clone(&depth);
        EventListener::new_with_options(target, "dragenter", opts, move |e| {
            if carries_files(e) {
                e.prevent_default();
                depth.set(depth.get().saturating_add(1));
                on_drag.emit(true);
            }
        })
    };
    let leave = {
        let on_drag = on_drag.clone();
        let depth = Rc::clone(&depth);
        EventListener::new(target, "dragleave", move |e| {
            if carries_files(e) {
                depth.set((depth.get() - 1).max(0));
                if depth.get() == 0 {
                    on_drag.emit(false);
                }
            }
        })
    };
    let drop = EventListener::new_with_options(target, "drop", opts, move |e| {
        if !carries_files(e) {
            return;
        }
        e.prevent_default();
        depth.set(0);
        on_drag.emit(false);
        let list = e
            .dyn_ref::<web_sys::DragEvent>()
            .and_then(web_sys::DragEvent::data_transfer)
            .and_then(|dt| dt.files());
        if let Some(list) = list {
            read_all(list, on_loaded.clone());
        }
    });
    Some(DropListener {
        _listeners: [over, enter, leave, drop],
    })
}
