// Lucene peer for scripts/side-by-side.sh. Lucene 9 is not packaged by Debian 12 (bookworm
// ships liblucene8-java, whose jars are Lucene 8.7.0) and nothing may be downloaded, so this
// runs against Debian's Lucene 8.7 with the machine's Java 17.
//
//   java LucenePeer index ITEMS.tsv DIR       title + body with DanishAnalyzer (Snowball
//                                             Danish stemmer + stop words), text stored
//   java LucenePeer run DIR MIX.tsv ROUNDS OUT.json
//
// Input comes from to_tsv.py (the JDK has no JSON parser). Facets: SortedSetDocValues facet
// fields klynge, niveau, kommune (multi-valued), aar, counted over every match with
// FacetsCollector; filters are StringField terms in FILTER clauses. Output has the same
// shape as examples/query_mix.rs and common.py: latencies per (query, round), hit totals.

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

public class LucenePeer {
    /** Unrecorded rounds first (the JIT settles), as in examples/query_mix.rs and common.py. */
    static final int WARM_UP_ROUNDS = 3;
    static final String[] FACETS = {"klynge", "niveau", "kommune", "aar"};

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("index")) {
            index(Paths.get(args[1]), Paths.get(args[2]));
        } else if (args.length == 5 && args[0].equals("run")) {
            run(Paths.get(args[1]), Paths.get(args[2]), Integer.parseInt(args[3]), Paths.get(args[4]));
        } else {
            System.err.println("usage: LucenePeer index ITEMS.tsv DIR | run DIR MIX.tsv ROUNDS OUT.json");
            System.exit(2);
        }
    }

    static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        config.setMultiValued("kommune", true);
        return config;
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String[] fields(String line) {
        String[] raw = line.split("\t", -1);
        for (int i = 0; i < raw.length; i++) raw[i] = unescape(raw[i]);
        return raw;
    }

    static void index(Path tsv, Path dir) throws IOException {
        FacetsConfig config = facetsConfig();
        IndexWriterConfig iwc = new IndexWriterConfig(new DanishAnalyzer());
        iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(dir), iwc);
             BufferedReader in = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = fields(line);
                Document doc = new Document();
                doc.add(new StoredField("id", f[0]));
                doc.add(new TextField("title", f[1], Field.Store.YES));
                doc.add(new TextField("body", f[2], Field.Store.YES));
                doc.add(new StringField("f_klynge", f[3], Field.Store.NO));
                doc.add(new StringField("f_aar", f[6], Field.Store.NO));
                doc.add(new SortedSetDocValuesFacetField("klynge", f[3]));
                doc.add(new SortedSetDocValuesFacetField("niveau", f[4]));
                for (String kommune : f[5].split("\\|")) {
                    if (!kommune.isEmpty()) doc.add(new SortedSetDocValuesFacetField("kommune", kommune));
                }
                doc.add(new SortedSetDocValuesFacetField("aar", f[6]));
                writer.addDocument(config.build(doc));
            }
            writer.commit();
        }
    }

    static Query query(MultiFieldQueryParser parser, String[] q) throws Exception {
        String text = q[0].equals("phrase") ? "\"" + q[1] + "\"" : q[1];
        Query parsed = parser.parse(text);
        if (q[2].isEmpty() && q[3].isEmpty()) return parsed;
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(parsed, BooleanClause.Occur.MUST);
        if (!q[2].isEmpty()) b.add(new TermQuery(new Term("f_klynge", q[2])), BooleanClause.Occur.FILTER);
        if (!q[3].isEmpty()) b.add(new TermQuery(new Term("f_aar", q[3])), BooleanClause.Occur.FILTER);
        return b.build();
    }

    static void run(Path dir, Path mixPath, int rounds, Path out) throws Exception {
        DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir));
        IndexSearcher searcher = new IndexSearcher(reader);
        DefaultSortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(reader);
        Analyzer analyzer = new DanishAnalyzer();
        MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {"title", "body"}, analyzer);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        List<String[]> mix = new ArrayList<>();
        for (String line : Files.readAllLines(mixPath, StandardCharsets.UTF_8)) mix.add(fields(line));
        List<Double> facetsMs = new ArrayList<>(), singleMs = new ArrayList<>();
        List<Long> hits = new ArrayList<>();
        for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
            boolean record = round >= WARM_UP_ROUNDS;
            for (String[] q : mix) {
                long started = System.nanoTime();
                long total = withFacets(searcher, state, query(parser, q));
                double ms = (System.nanoTime() - started) / 1e6;
                if (record) facetsMs.add(ms);
                if (round + 1 == WARM_UP_ROUNDS + rounds) hits.add(total);
                if (q[0].equals("term")) {
                    started = System.nanoTime();
                    topIds(searcher, searcher.search(query(parser, q), 10));
                    ms = (System.nanoTime() - started) / 1e6;
                    if (record) singleMs.add(ms);
                }
            }
        }
        String json = "{\"facets_ms\":" + list(facetsMs) + ",\"single_ms\":" + list(singleMs)
                + ",\"hits\":" + list(hits) + "}";
        Files.write(out, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Top 10 plus exact counts of every facet over all matches; returns the match count. */
    static long withFacets(IndexSearcher searcher, DefaultSortedSetDocValuesReaderState state, Query q)
            throws IOException {
        FacetsCollector fc = new FacetsCollector();
        TopDocs top = FacetsCollector.search(searcher, q, 10, fc);
        topIds(searcher, top);
        Facets facets = new SortedSetDocValuesFacetCounts(state, fc);
        long total = 0;
        for (FacetsCollector.MatchingDocs m : fc.getMatchingDocs()) total += m.totalHits;
        for (String dim : FACETS) {
            FacetResult result = facets.getTopChildren(200, dim);
            if (result != null && result.childCount < 0) throw new IllegalStateException(dim);
        }
        return total;
    }

    static List<String> topIds(IndexSearcher searcher, TopDocs top) throws IOException {
        List<String> ids = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) ids.add(searcher.doc(sd.doc).get("id"));
        return ids;
    }

    static String list(List<? extends Number> values) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (Number v : values) j.add(v.toString());
        return j.toString();
    }
}
