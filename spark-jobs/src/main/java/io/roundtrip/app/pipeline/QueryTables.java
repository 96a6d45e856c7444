package io.roundtrip.app.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The tables a query names, found by Spark's own SQL parser (no session, no catalog): every relation
 * in FROM and JOIN, in subqueries and in common table expressions, without the names the query's
 * WITH clauses define. A regular expression would miss subqueries and count CTE names as tables.
 */
final class QueryTables {

  private QueryTables() {}

  /** {@code namespace.table} names, lower case, sorted. */
  static Set<String> of(String sql) {
    LogicalPlan plan;
    try {
      plan = CatalystSqlParser$.MODULE$.parsePlan(sql);
    } catch (Exception e) {
      // Spark's ParseException, which Scala does not declare
      throw new IllegalArgumentException("The query does not parse: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    Set<String> ctes = new HashSet<>();
    List<String> relations = new ArrayList<>();
    walk(plan, ctes, relations);
    Set<String> tables = new TreeSet<>();
    for (String relation : relations) {
      if (!ctes.contains(relation)) {
        tables.add(relation);
      }
    }
    return tables;
  }

  private static void walk(QueryPlan<?> node, Set<String> ctes, List<String> relations) {
    if (node instanceof UnresolvedRelation relation) {
      relations.add(String.join(".", CollectionConverters.asJava(relation.multipartIdentifier())).toLowerCase(Locale.ROOT));
    }
    if (node instanceof UnresolvedWith with) {
      for (var cte : CollectionConverters.asJava(with.cteRelations())) {
        ctes.add(cte._1().toLowerCase(Locale.ROOT));
      }
    }
    for (Object child : CollectionConverters.asJava(node.children())) {
      walk((QueryPlan<?>) child, ctes, relations);
    }
    for (Object inner : CollectionConverters.asJava(node.innerChildren())) {
      if (inner instanceof QueryPlan<?> plan) {
        walk(plan, ctes, relations);
      }
    }
    for (Object subquery : CollectionConverters.asJava(node.subqueries())) {
      walk((QueryPlan<?>) subquery, ctes, relations);
    }
  }
}
