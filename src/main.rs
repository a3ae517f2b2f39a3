//! Fazhi Lens, the Yew single-page app. Everything runs in the browser.

use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    html! {
        <>
            <header class="app-header">
                <h1>{ "法治报告透镜 Fazhi Lens" }</h1>
            </header>
            <main>
                <textarea class="paste-box" data-testid="paste-box"
                    placeholder="在此粘贴法治政府建设年度报告… Paste a report here…" />
            </main>
        </>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
