//! The DOM → blocks of text. html5ever builds the tree a browser would (unclosed tags,
//! misnested tables repaired); this module picks the part that holds the minutes and walks it
//! with an explicit stack, so a page nested a million elements deep cannot overflow the call
//! stack. Site furniture is skipped as a whole subtree (`is_furniture`); block elements end a
//! line (`lines::Builder`).

use html5ever::tendril::TendrilSink;
use html5ever::{local_name, parse_document, LocalName, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::lines::{Block, Break, Builder};

/// Elements never read: code, styling, forms' controls, media, and the page's navigation.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "button", "select", "option",
    "input", "textarea", "svg", "math", "iframe", "object", "embed", "canvas", "audio", "video",
    "map",
];

/// ARIA roles of site furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "search",
    "menu",
    "menubar",
    "banner",
    "contentinfo",
];

/// Class and id words (split at `-`, `_`, spaces, case ignored) that name site furniture.
const FURNITURE_WORDS: &[&str] = &[
    "skiplink",
    "skiplinks",
    "skip",
    "totop",
    "tiltoppen",
    "footer",
    "sitefooter",
    "pagefooter",
    "siteheader",
    "masthead",
    "share",
    "sharing",
    "socialshare",
];

/// Parts of a class or id that name furniture wherever they occur ("c-breadcrumbs__list",
/// "CybotCookiebotDialog").
const FURNITURE_PARTS: &[&str] = &["breadcrumb", "brødkrumme", "cookie", "consent", "gdpr"];

/// Elements that hold the whole page or the whole minutes: never furniture by their words.
const CONTAINERS: &[&str] = &["html", "body", "main", "article", "form"];

/// Elements that end a line and start a paragraph of their own.
const PARAGRAPH_BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "ul",
    "ol",
    "dl",
    "table",
    "blockquote",
    "pre",
    "address",
    "figure",
    "figcaption",
    "hr",
    "caption",
    "form",
    "fieldset",
    "details",
    "summary",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "body",
    "center",
];

/// The blocks of text in the page's minutes part.
pub(super) fn page_blocks(text: &str) -> Vec<Block> {
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(text);
    let mut builder = Builder::default();
    if let Some(root) = minutes_root(&dom.document) {
        walk(&root, &mut builder);
    }
    let blocks = builder.finish();
    if !blocks.is_empty() {
        return blocks;
    }
    // A `<main>` that holds nothing readable (a shell filled by a script): read the whole page.
    let mut builder = Builder::default();
    walk(&dom.document, &mut builder);
    builder.finish()
}

/// One step of the walk: read a node, or close an element whose children have been read.
enum Step {
    Enter(Handle),
    Leave(LocalName),
}

/// Read `root` and everything under it that is not furniture, depth first, without recursion.
fn walk(root: &Handle, builder: &mut Builder) {
    let mut stack = vec![Step::Enter(root.clone())];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(name) => leave(&name, builder),
            Step::Enter(node) => match &node.data {
                NodeData::Text { contents } => builder.text(&contents.borrow()),
                NodeData::Element { name, attrs, .. } => {
                    let attrs = attrs.borrow();
                    if is_furniture(&name.local, &attrs, builder.in_content()) {
                        continue;
                    }
                    enter(&name.local, &attrs, builder);
                    stack.push(Step::Leave(name.local.clone()));
                    push_children(&node, &mut stack);
                }
                NodeData::Document => push_children(&node, &mut stack),
                _ => {}
            },
        }
    }
}

fn push_children(node: &Handle, stack: &mut Vec<Step>) {
    let children = node.children.borrow();
    stack.extend(
        children
            .iter()
            .rev()
            .map(|child| Step::Enter(child.clone())),
    );
}

/// What opening an element does to the lines.
fn enter(name: &LocalName, attrs: &[html5ever::Attribute], builder: &mut Builder) {
    match name {
        &local_name!("br") => builder.line_break(Break::Line),
        &local_name!("li") => builder.list_item(),
        &local_name!("tr") | &local_name!("dt") => builder.line_break(Break::Line),
        &local_name!("td") | &local_name!("th") => builder.cell(),
        &local_name!("ul") => builder.open_list(None),
        &local_name!("ol") => builder.open_list(Some(list_start(attrs))),
        &local_name!("pre") => builder.set_pre(true),
        &local_name!("main") | &local_name!("article") => builder.enter_content(),
        _ => {}
    }
    if is_heading(name) {
        builder.set_heading(true);
    }
    if PARAGRAPH_BLOCKS.contains(&&**name) {
        builder.line_break(Break::Paragraph);
    }
}

/// What closing an element does: a definition's term runs on into its value ("Mødedato
/// Mandag d. …"), a list item or table row ends its line.
fn leave(name: &LocalName, builder: &mut Builder) {
    match name {
        &local_name!("dt") => builder.space(),
        &local_name!("li") | &local_name!("tr") | &local_name!("dd") => {
            builder.line_break(Break::Line)
        }
        &local_name!("ul") | &local_name!("ol") => builder.close_list(),
        &local_name!("pre") => builder.set_pre(false),
        &local_name!("main") | &local_name!("article") => builder.leave_content(),
        _ => {}
    }
    if is_heading(name) {
        builder.line_break(Break::Paragraph);
        builder.set_heading(false);
    }
    if PARAGRAPH_BLOCKS.contains(&&**name) {
        builder.line_break(Break::Paragraph);
    }
}

fn is_heading(name: &LocalName) -> bool {
    matches!(&**name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// An `<ol start="4">`'s first number (1 when absent or unreadable).
fn list_start(attrs: &[html5ever::Attribute]) -> u32 {
    attribute(attrs, "start")
        .and_then(|start| start.trim().parse().ok())
        .unwrap_or(1)
}

fn attribute<'a>(attrs: &'a [html5ever::Attribute], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|attr| &*attr.name.local == name)
        .map(|attr| &*attr.value)
}

/// Whether an element and everything in it is left out: code and controls, hidden elements,
/// navigation by element, role or class/id words, and the site's own header and footer
/// (a `<header>` or `<footer>` inside the `<main>`/`<article>` belongs to the minutes).
fn is_furniture(name: &LocalName, attrs: &[html5ever::Attribute], in_content: bool) -> bool {
    if SKIPPED.contains(&&**name) || is_hidden(attrs) {
        return true;
    }
    // Pages mark their state on the containers ("<body class=\"cookie-banner-open\">"):
    // only what sits inside them can be furniture.
    if CONTAINERS.contains(&&**name) {
        return false;
    }
    let site_part = matches!(&**name, "header" | "footer");
    if site_part && !in_content {
        return true;
    }
    let role = attribute(attrs, "role").unwrap_or("").to_ascii_lowercase();
    let site_role = matches!(role.as_str(), "banner" | "contentinfo");
    if FURNITURE_ROLES.contains(&role.as_str()) && !(site_role && in_content) {
        return true;
    }
    let label_says = attribute(attrs, "aria-label").is_some_and(labels_furniture);
    label_says
        || ["class", "id"]
            .iter()
            .filter_map(|key| attribute(attrs, key))
            .any(names_furniture)
}

/// Whether an accessible name says furniture ("Brødkrumme", "Cookie-samtykke"). Stricter
/// than class words: a section's label may repeat its title ("Menuplan for plejecentre").
fn labels_furniture(label: &str) -> bool {
    let label = label.to_lowercase();
    FURNITURE_PARTS.iter().any(|part| label.contains(part))
}

/// Whether a class or id names furniture: a whole word ("site-nav", "menu") or a part
/// anywhere ("breadcrumbs", "cookiebanner").
fn names_furniture(value: &str) -> bool {
    let value = value.to_lowercase();
    if FURNITURE_PARTS.iter().any(|part| value.contains(part)) {
        return true;
    }
    value
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| FURNITURE_WORDS.contains(&word) || is_menu_word(word))
}

/// Compounds of menu and nav ("topmenu", "leftnav", "navlist"), but not "navn" (name).
fn is_menu_word(word: &str) -> bool {
    word.contains("menu") || (word.contains("nav") && !word.contains("navn"))
}

/// `hidden`, `aria-hidden="true"` and inline `display: none` / `visibility: hidden`.
fn is_hidden(attrs: &[html5ever::Attribute]) -> bool {
    if attribute(attrs, "hidden").is_some() {
        return true;
    }
    if attribute(attrs, "aria-hidden")
        .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    let style: String = attribute(attrs, "style")
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// The part of the page that holds the minutes: the first `<main>` (or `role="main"`), else
/// the page's only `<article>`, else the whole document.
fn minutes_root(document: &Handle) -> Option<Handle> {
    let mut articles = Vec::new();
    let mut stack = vec![document.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let role = attribute(&attrs.borrow(), "role").map(str::to_ascii_lowercase);
            if &*name.local == "main" || role.as_deref() == Some("main") {
                return Some(node.clone());
            }
            if &*name.local == "article" {
                articles.push(node.clone());
            }
        }
        let children = node.children.borrow();
        stack.extend(children.iter().rev().cloned());
    }
    match articles.len() {
        1 => articles.pop(),
        _ => Some(document.clone()),
    }
}
