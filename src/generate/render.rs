//! Writes one meeting as referat text in one of the seeds' layouts. Each layout copies a
//! seed: `Markdown` seed 000 (`## Punkt`, `### Resumé`, `**Mødedato**`), `Plain` seed 001
//! (the same without markdown), `Shouting` seeds 002/004 (`# **REFERAT … - Fagligt
//! strategisk niveau**`, `## RESUMÉ`, time slots and durations in titles) and `Direktoer`
//! seed 003 (Sundhedsdirektørkredsen: Beslutning first, the title repeated before RESUMÉ).

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::catalog::{month_name, weekday_name, Body, Series};
use super::pool::Pool;
use super::rng::SplitMix64;
use crate::model::Niveau;

/// The layout of a generated file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Markdown,
    Plain,
    Shouting,
    Direktoer,
}

impl Layout {
    pub fn for_series(series: &Series, rng: &mut SplitMix64) -> Layout {
        if series.body == Body::Direktoerkreds {
            return Layout::Direktoer;
        }
        *rng.pick(&[Layout::Markdown, Layout::Plain, Layout::Shouting])
    }

    pub fn extension(self) -> &'static str {
        match self {
            Layout::Markdown | Layout::Shouting => "md",
            Layout::Plain | Layout::Direktoer => "txt",
        }
    }

    fn markdown(self) -> bool {
        self.extension() == "md"
    }
}

/// One meeting to write.
pub struct Plan<'a> {
    pub series: &'a Series,
    pub date: NaiveDate,
    pub items: usize,
    pub layout: Layout,
}

/// The referat text of `plan`, drawing its words from `pool`.
pub fn render(plan: &Plan, pool: &Pool, rng: &mut SplitMix64) -> String {
    let titles = distinct_titles(pool, plan.items, rng);
    let mut out = String::with_capacity(plan.items * 4096);
    header(&mut out, plan, pool, &titles, rng);
    let absent = (plan.series.niveau == Niveau::Politisk && plan.layout != Layout::Direktoer)
        .then(|| rng.pick(&pool.fravaerende).as_str());
    for (index, title) in titles.iter().enumerate() {
        let item = Item {
            number: index + 1,
            title,
            // Only first and last items may be short, and only from three items on, so every
            // meeting has an Indstilling that names its niveau.
            short: plan.items >= 3
                && ((index == 0 && rng.chance(50)) || (index + 1 == plan.items && rng.chance(30))),
            absent,
        };
        match plan.layout {
            Layout::Direktoer => direktoer_item(&mut out, plan, pool, &item, rng),
            _ => cluster_item(&mut out, plan, pool, &item, rng),
        }
    }
    out
}

/// `count` titles, without repeats while the pool lasts (a real agenda rarely repeats one).
fn distinct_titles<'a>(pool: &'a Pool, count: usize, rng: &mut SplitMix64) -> Vec<&'a str> {
    let mut order: Vec<usize> = (0..pool.titles.len()).collect();
    (0..count)
        .map(|index| {
            let slot = index % order.len();
            let swap = rng.between(slot, order.len() - 1);
            order.swap(slot, swap);
            pool.titles[order[slot]].as_str()
        })
        .collect()
}

struct Item<'a> {
    number: usize,
    title: &'a str,
    /// Welcome and "Eventuelt"-like items: a Beslutning only.
    short: bool,
    absent: Option<&'a str>,
}

fn header(out: &mut String, plan: &Plan, pool: &Pool, titles: &[&str], rng: &mut SplitMix64) {
    let (layout, date) = (plan.layout, plan.date);
    let title = format!(
        "REFERAT {}{} d. {}",
        plan.series.forum,
        title_niveau(plan, rng),
        date.format("%d-%m-%Y")
    );
    let day = if rng.chance(50) {
        date.format("%d").to_string()
    } else {
        date.format("%-d").to_string()
    };
    let mødedato = format!(
        "{} d. {day}. {} {} kl. {:02}:{}",
        weekday_name(date),
        month_name(date),
        date.format("%Y"),
        rng.between(8, 16),
        rng.pick(&["00", "30"])
    );
    let _ = match layout {
        Layout::Shouting => write!(out, "\n\n# **{title}**\n\n"),
        Layout::Markdown => write!(out, "\n\n# {title}\n\n"),
        Layout::Plain | Layout::Direktoer => write!(out, "\n\n{title}\n\n"),
    };
    field(out, layout, "Mødedato", &mødedato);
    field(out, layout, "Mødested", rng.pick(&pool.places).as_str());
    if plan.series.niveau == Niveau::Politisk {
        field(
            out,
            layout,
            "Mødedeltagere",
            rng.pick(&pool.deltagere).as_str(),
        );
    }
    heading(out, layout, 2, "Indholdsfortegnelse");
    for (index, title) in titles.iter().enumerate() {
        toc_line(out, title, index * 2 + 3);
    }
    out.push('\n');
}

/// " - Fagligt strategisk niveau" unless the layout (seeds 000/001) leaves a political
/// meeting's niveau to its Indstilling.
fn title_niveau(plan: &Plan, rng: &mut SplitMix64) -> &'static str {
    let may_omit = matches!(plan.series.body, Body::Klynge | Body::Raad)
        && matches!(plan.layout, Layout::Markdown | Layout::Plain);
    match plan.series.niveau {
        Niveau::Politisk if may_omit && rng.chance(70) => "",
        Niveau::Politisk => " - Politisk niveau",
        Niveau::FagligtStrategisk => " - Fagligt strategisk niveau",
        Niveau::Direktoerkreds | Niveau::Ukendt => "",
    }
}

fn field(out: &mut String, layout: Layout, name: &str, value: &str) {
    let _ = if layout.markdown() {
        write!(out, "**{name}** {value}\n\n")
    } else {
        write!(out, "{name} {value}\n\n")
    };
}

fn heading(out: &mut String, layout: Layout, level: usize, text: &str) {
    if layout.markdown() {
        out.push_str(&"#".repeat(level));
        out.push(' ');
    }
    out.push_str(text);
    out.push_str("\n\n");
}

/// "Opfølgning på lægedækning.....\t6", cut off without dots when long, as the exports do.
fn toc_line(out: &mut String, title: &str, page: usize) {
    const WIDTH: usize = 95;
    if title.chars().count() > WIDTH {
        let cut: String = title.chars().take(WIDTH).collect();
        let _ = writeln!(out, "{cut}\t{page}");
    } else {
        let _ = writeln!(out, "{title}.....\t{page}");
    }
}

fn cluster_item(out: &mut String, plan: &Plan, pool: &Pool, item: &Item, rng: &mut SplitMix64) {
    let layout = plan.layout;
    let punkt = format!("Punkt {}: {}", item.number, item.title);
    match layout {
        Layout::Shouting if rng.chance(50) => {
            let minutes = rng.pick(&[5, 10, 15, 20, 30]);
            heading(out, layout, 1, &format!("{punkt} ({minutes} min)"));
        }
        Layout::Shouting => {
            let (hour, minute) = (rng.between(9, 14), rng.pick(&[0, 15, 30]));
            let slot = format!("kl. {hour}.{minute:02}-{hour}.{:02}", minute + 10);
            heading(out, layout, 2, &format!("**{punkt}, {slot}**"));
        }
        Layout::Markdown if rng.chance(50) => heading(out, layout, 2, &format!("**{punkt}**")),
        _ => heading(out, layout, 2, &punkt),
    }
    if layout != Layout::Shouting {
        let _ = write!(
            out,
            "{}/{}\n\n",
            rng.between(19, 25),
            rng.between(10_000, 99_999)
        );
    }
    if !item.short {
        let upper = layout == Layout::Shouting;
        section(
            out,
            layout,
            if upper { "RESUMÉ" } else { "Resumé" },
            &pool.resume,
            1,
            2,
            rng,
        );
        let sags = if upper {
            "SAGSFREMSTILLING"
        } else {
            "Sagsfremstilling"
        };
        section(out, layout, sags, &pool.sagsfremstilling, 2, 9, rng);
        heading(
            out,
            layout,
            3,
            if upper { "INDSTILLING" } else { "Indstilling" },
        );
        indstilling(out, plan, pool, rng);
    }
    let beslutning = match layout {
        Layout::Shouting => "Beslutning".to_string(),
        _ => format!(
            "Beslutning i {} den {}",
            plan.series.forum,
            plan.date.format("%d-%m-%Y")
        ),
    };
    section(out, layout, &beslutning, &pool.beslutning, 1, 2, rng);
    if !item.short && rng.chance(40) {
        section(out, layout, "Bilag", &pool.bilag, 1, 2, rng);
    }
    if let Some(names) = item.absent.filter(|_| layout != Layout::Shouting) {
        field(out, layout, "Fraværende", names);
    }
}

fn direktoer_item(out: &mut String, plan: &Plan, pool: &Pool, item: &Item, rng: &mut SplitMix64) {
    let layout = plan.layout;
    heading(
        out,
        layout,
        1,
        &format!("Punkt {}: {}", item.number, item.title),
    );
    section(out, layout, "Beslutning", &pool.beslutning, 1, 3, rng);
    if item.short {
        return;
    }
    heading(out, layout, 1, item.title);
    section(out, layout, "RESUMÉ", &pool.resume, 1, 2, rng);
    heading(out, layout, 1, "INDSTILLING");
    indstilling(out, plan, pool, rng);
    section(
        out,
        layout,
        "SAGSFREMSTILLING",
        &pool.sagsfremstilling,
        2,
        9,
        rng,
    );
    if rng.chance(60) {
        section(out, layout, "BILAG", &pool.bilag, 1, 2, rng);
    }
}

/// A heading and `low..=high` paragraphs from `bin`.
fn section(
    out: &mut String,
    layout: Layout,
    name: &str,
    bin: &[String],
    low: usize,
    high: usize,
    rng: &mut SplitMix64,
) {
    heading(out, layout, 3, name);
    paragraphs(out, bin, rng.between(low, high), rng);
}

fn paragraphs(out: &mut String, bin: &[String], count: usize, rng: &mut SplitMix64) {
    for _ in 0..count {
        out.push_str(rng.pick(bin).as_str());
        out.push_str("\n\n");
    }
}

/// The addressing line comes first: the parser reads a meeting's niveau from it when the
/// title does not say it, so it must name the niveau this meeting was planned at.
fn indstilling(out: &mut String, plan: &Plan, pool: &Pool, rng: &mut SplitMix64) {
    let forum = &plan.series.forum;
    let _ = match plan.series.niveau {
        Niveau::Politisk => write!(out, "Det indstilles, at politisk niveau i {forum}:\n\n"),
        Niveau::FagligtStrategisk => {
            write!(
                out,
                "Det indstilles, at fagligt strategisk niveau i {forum}:\n\n"
            )
        }
        Niveau::Direktoerkreds | Niveau::Ukendt => {
            write!(out, "Formandskabet for {forum} indstiller, at {forum}\n\n")
        }
    };
    paragraphs(out, &pool.indstilling, rng.between(1, 2), rng);
}
