//! `referat serve`: open the index (indexing the seeds first when it is empty), bind the
//! address, print one line with the URL, serve until Ctrl-C or SIGTERM, then drain. With
//! `--watch`, the seeds folder is followed on a thread of its own (see `watch`).

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;

use super::ServeArgs;
use crate::engine::indexer::{index_paths_with, Progress};
use crate::engine::Engine;
use crate::enrich::Enricher;
use crate::server::response_cache::ResponseCache;
use crate::server::{self, AppState};

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(args))
}

async fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let ServeArgs {
        addr,
        index,
        seeds,
        watch,
        cache_mb,
        public_url,
        taxonomy,
        synonyms,
    } = args;
    let enricher = taxonomy.enricher()?;
    let watching = watch.then(|| crate::watch::Watch {
        index: index.clone(),
        roots: vec![seeds.clone()],
        enricher: enricher.clone(),
    });
    let engine = tokio::task::spawn_blocking(move || -> anyhow::Result<Engine> {
        seed_if_empty(&index, &seeds, &enricher)?;
        // A fresh open sees the new commit at once, without waiting for the reader's reload.
        synonyms.open_engine(&index)
    })
    .await
    .context("opening the index failed")??;
    if let Some(watching) = watching {
        // Its own thread: the engine's reader picks up each commit by itself.
        crate::watch::spawn(watching)?;
    }
    let listener = TcpListener::bind(&addr)
        .await
        .with_context(|| format!("cannot listen on `{addr}`"))?;
    let bound = listener.local_addr().context("no local address")?;
    // One plain line on stdout, so scripts and tests can read the address (port 0 works).
    println!("referat serving on http://{bound}");
    tracing::info!(%bound, "listening");
    let cache = ResponseCache::new(cache_mb.saturating_mul(1024 * 1024));
    let mut state = AppState::new(Arc::new(engine)).with_response_cache(cache);
    if let Some(url) = &public_url {
        state = state.with_public_url(url);
    }
    server::serve(listener, state, shutdown_signal())
        .await
        .context("the server stopped with an error")?;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// When the index holds nothing, index `seeds` into it (with `enricher`'s taxonomy).
fn seed_if_empty(index: &Path, seeds: &Path, enricher: &Enricher) -> anyhow::Result<()> {
    if Engine::open(index)?.item_count() > 0 {
        return Ok(());
    }
    if !seeds.exists() {
        tracing::warn!(seeds = %seeds.display(), "the index is empty and there are no seeds to index");
        return Ok(());
    }
    tracing::info!(seeds = %seeds.display(), index = %index.display(), "the index is empty: indexing the seeds");
    let progress = LogProgress::default();
    let summary = index_paths_with(index, &[seeds.to_owned()], &progress, enricher)?;
    for (path, reason) in &summary.skipped {
        tracing::warn!(%path, %reason, "skipped");
    }
    tracing::info!(
        items = summary.items_indexed,
        files = summary.files_added,
        millis = summary.took_millis,
        "indexed the seeds"
    );
    Ok(())
}

/// Progress as log lines: the server runs unattended, so no bar.
#[derive(Default)]
struct LogProgress {
    total: AtomicUsize,
    done: AtomicUsize,
}

impl Progress for LogProgress {
    fn start(&self, total_files: usize) {
        self.total.store(total_files, Ordering::Relaxed);
    }

    fn file_done(&self, path: &Path) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let total = self.total.load(Ordering::Relaxed);
        tracing::info!("indexed {done}/{total} {}", path.display());
    }
}

/// Resolves on Ctrl-C or (on Unix) SIGTERM, whichever comes first.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(%err, "cannot listen for ctrl-c");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
